package org.qalyptus.server.filter;

import java.util.List;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.ReadableApps.AppRef;
import org.qalyptus.server.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * What an app holds (fields, variables, bookmarks, sheets and their objects), for the pickers of filters and
 * conditions, with the stable ids filters and conditions store. The app is opened as {@link ReadableApps} allows, so
 * an app no report uses can be picked from too. Only reads.
 */
@Service
public class AppContentsService {

    private final ReadableApps readable;

    AppContentsService(ReadableApps readable) {
        this.readable = readable;
    }

    /** A field: its stable id (qlikFieldId), its name in the app. */
    public record Field(String id, String name) {}

    /** A variable: its stable id (qlikVariableId), its name and definition. */
    public record Variable(String id, String name, String definition) {}

    /** A bookmark: its stable id (qlikBookmarkId), its id in the app, its name and description. */
    public record Bookmark(String id, String bookmarkId, String name, String description) {}

    /** A sheet object: its stable id, its id in the app, its title and kind. */
    public record SheetObject(String id, String itemId, String title, String type) {}

    /** A sheet: its id in the app, its title and objects. */
    public record Sheet(String id, String title, List<SheetObject> objects) {}

    /** An app's contents, in the app's order. */
    public record AppContents(String appId, String appName, List<Field> fields, List<Variable> variables,
            List<Bookmark> bookmarks, List<Sheet> sheets) {}

    /**
     * Reads the app once.
     *
     * @throws ApiException as {@link ReadableApps#open}, and 502 when the app cannot be read
     */
    public AppContents contents(Caller caller, AppRef ref) {
        try (OpenApp app = readable.open(caller, ref)) {
            String appId = app.id();
            List<Field> fields = app.fields().stream().map(f -> new Field(AppElementIds.field(appId, f.name()), f.name())).toList();
            List<Variable> variables = app.variables().stream()
                    .map(v -> new Variable(AppElementIds.variable(appId, v.name()), v.name(), v.definition())).toList();
            List<Bookmark> bookmarks = app.bookmarks().stream()
                    .map(b -> new Bookmark(AppElementIds.bookmark(appId, b.id()), b.id(), b.name(), b.description())).toList();
            List<Sheet> sheets = app.sheets().stream().map(s -> new Sheet(s.id(), s.title(), s.objects().stream()
                    .map(o -> new SheetObject(AppElementIds.object(appId, o.id()), o.id(), o.title(), o.type())).toList())).toList();
            return new AppContents(appId, app.name(), fields, variables, bookmarks, sheets);
        }
    }
}
