package org.qalyptus.store.embedded;

import java.nio.ByteBuffer;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2's {@link ObjectDataType}, the default key and value type of an {@link MVMap}, made safe to share between
 * threads, which every map of the store is: a command reads it while the commit of another (or H2's background
 * writer) writes its pages.
 * <p>
 * ObjectDataType keeps the type of the last object it handled in a plain field, switched by every
 * {@code write}, {@code read} and {@code getMemory} of an object of another type. Its type for Java-serialized
 * objects ({@code ObjectId}, {@code Missing} for a null id, a sub-document id) compares two keys by switching
 * that field once for each key and expects the same answer twice: when another thread switches it in between
 * (a commit writing a page that also holds int or string ids), the two answers differ and {@code get} fails with
 * H2's "Can not compare". The field is also read twice when a type is chosen, so a switch in between can hand an
 * integer's type a string (a {@code ClassCastException}). Keys of one plain type, such as UUID strings only,
 * never switch the field, which is why only collections with ids of several types, or serialized ids, failed.
 * <p>
 * Every call goes to one ObjectDataType under this object's lock. The bytes written and the order of keys are
 * ObjectDataType's own, and H2 does not record a map's data type in the file, so store files written with the
 * plain type open unchanged, and the other way round. Contention is small: the library already runs one
 * command at a time per collection, so only a commit or a page load in another thread ever waits.
 */
final class ThreadSafeObjectDataType extends BasicDataType<Object> {

    private final ObjectDataType delegate = new ObjectDataType();

    /**
     * Opens the map with this type for keys and values, or returns it if it is open already (with whatever type it
     * was opened with).
     */
    static <K, V> MVMap<K, V> openMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<K, V>()
            .keyType(new ThreadSafeObjectDataType())
            .valueType(new ThreadSafeObjectDataType()));
    }

    @Override
    public synchronized int compare(Object a, Object b) {
        return delegate.compare(a, b);
    }

    @Override
    public synchronized int binarySearch(Object key, Object storage, int size, int initialGuess) {
        return delegate.binarySearch(key, storage, size, initialGuess);
    }

    @Override
    public synchronized int getMemory(Object obj) {
        return delegate.getMemory(obj);
    }

    @Override
    public boolean isMemoryEstimationAllowed() {
        return delegate.isMemoryEstimationAllowed();
    }

    @Override
    public synchronized void write(WriteBuffer buff, Object obj) {
        delegate.write(buff, obj);
    }

    @Override
    public synchronized void write(WriteBuffer buff, Object storage, int len) {
        delegate.write(buff, storage, len);
    }

    @Override
    public synchronized Object read(ByteBuffer buff) {
        return delegate.read(buff);
    }

    @Override
    public synchronized void read(ByteBuffer buff, Object storage, int len) {
        delegate.read(buff, storage, len);
    }

    @Override
    public Object[] createStorage(int size) {
        return delegate.createStorage(size);
    }
}
