package org.qalyptus.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qalyptus.spi.storage.StoragePath;

class StoragePathTest {

    @Test
    void aRelativeFolderKeepsItsPlainNamesAndIgnoresEmptySegments() {
        StoragePath path = StoragePath.relative("folder", "sales//2026/", "the remote folder");
        assertThat(path.segments()).containsExactly("sales", "2026");
        assertThat(path.absolute()).isFalse();
        assertThat(path).hasToString("sales/2026");
    }

    @Test
    void blankIsTheStartFolder() {
        assertThat(StoragePath.relative("folder", "  ", "the remote folder").isStart()).isTrue();
        assertThat(StoragePath.configured("remote folder", null)).isEqualTo(StoragePath.START);
    }

    @Test
    void onlyAConfiguredFolderMayBeAbsolute() {
        assertThat(StoragePath.configured("remote folder", "/reports").then(StoragePath.relative("folder", "a", "x")))
                .hasToString("/reports/a");
        assertThatThrownBy(() -> StoragePath.relative("folder", "/etc", "the remote folder"))
                .isInstanceOf(ExtensionException.class)
                .hasMessage("The folder '/etc' is not allowed: it must be relative to the remote folder, not absolute.")
                .satisfies(e -> assertThat(((ExtensionException) e).isRetryable()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/../b", "...", ". .", "a\\b", "C:", "name:stream", "a\nb", "a\0b"})
    void namesThatCouldLeaveTheFolderOrForgeLinesAreRefused(String value) {
        assertThatThrownBy(() -> StoragePath.relative("folder", value, "the start"))
                .isInstanceOf(ExtensionException.class).hasMessageStartingWith("The folder '")
                .hasMessageContaining("is not allowed");
    }

    @Test
    void aNameLongerThan255BytesIsRefused() {
        String name = "é".repeat(128);
        assertThatThrownBy(() -> StoragePath.fileName(name)).hasMessageContaining("longer than 255 bytes");
        assertThat(StoragePath.fileName("é".repeat(127))).hasSize(127);
    }

    @Test
    void aFileNameIsExactlyOneName() {
        assertThat(StoragePath.fileName("Sales - Europe.pdf")).isEqualTo("Sales - Europe.pdf");
        assertThatThrownBy(() -> StoragePath.fileName("a/b.pdf")).hasMessageContaining("a single name");
        assertThatThrownBy(() -> StoragePath.fileName(" ")).hasMessage("The file name is empty.");
    }

    @Test
    void userTextIsQuotedPrintableAndCutShort() {
        assertThat(UserText.quoted("a\r\nb\u0007")).isEqualTo("'a  b?'");
        assertThat(UserText.printable("x".repeat(250))).hasSize(UserText.MAX_SHOWN_LENGTH + 1).endsWith("…");
        assertThat(UserText.quoted(null)).isEqualTo("''");
        assertThat(List.of(UserText.printable("  padded  "))).containsExactly("padded");
    }
}
