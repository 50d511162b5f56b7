package org.qalyptus.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.task.TaskWorld.assertInvalid;
import static org.qalyptus.server.task.TaskWorld.assertStatus;
import static org.qalyptus.server.task.TaskWorld.body;
import static org.qalyptus.server.task.TaskWorld.ids;
import static org.qalyptus.server.task.TaskWorld.unique;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.secret.SecretCipher;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** Task reports over HTTP: references, formats, delivery options, passwords and use permissions. */
class TaskReportRoutesTest {

    private static TaskWorld w;
    private static Http http;

    @BeforeAll
    static void world() {
        w = TaskWorld.get();
        http = w.http;
    }

    /** A project of the creator's with a task, an HTML report on app one, two filters and a condition. */
    record Setup(String projectId, JsonNode task, String html, String excel, String filterA, String filterB,
            String condition, String path) {}

    static Setup setup() {
        String projectId = w.project(w.creator).get("id").asString();
        JsonNode task = w.task(w.creator, projectId);
        return new Setup(projectId, task,
                w.report(projectId, w.creator.id(), unique("Sales by region"), "HTML", false, List.of(w.appOne)),
                w.report(projectId, w.creator.id(), unique("Sales workbook"), "Excel", true, List.of(w.appOne)),
                w.filter(projectId, w.creator.id(), unique("Europe"), w.appOne),
                w.filter(projectId, w.creator.id(), unique("Bikes"), null),
                w.condition(projectId, w.creator.id(), unique("Has sales")),
                "/api/v1/tasks/" + task.get("id").asString());
    }

    static Map<String, Object> minimal(String reportId, String format) {
        return body("reportID", reportId, "format", format, "emailEmbedment", false, "emailAttachment", true);
    }

    @Test
    void aTaskReportCarriesItsReportsFieldsAndItsDeliveryOptions() {
        Setup s = setup();
        String storage = w.storageService(w.orgA.id(), unique("Share"));
        Map<String, Object> request = body("reportID", s.excel(), "format", "xlsx", "emailEmbedment", false,
                "emailAttachment", true, "fileOpenPassword", "open sesame", "imageQuality", 75,
                "filters", List.of(Map.of("id", s.filterB(), "order", 2), Map.of("id", s.filterA(), "order", 1)),
                "conditions", List.of(Map.of("id", s.condition())),
                "storageServices", List.of(Map.of("id", storage, "folder", "/Sales//2024/")),
                "hub", Map.of("publish", true, "retentionCount", 3),
                "fileStorage", Map.of("enabled", true, "folder", "Reports/Monthly"),
                "separatorOptions", Map.of("numberDecimalSeparator", ",", "numberGroupSeparator", " "),
                "iterationOptions", Map.of("zipForEmail", true, "conditionPerIterationValue", true,
                        "emailVisibilityVariable", AppElementIds.variable(w.appOne, "vShow")));
        request.put("storageServices", List.of(Map.of("id", storage, "folder", "Sales//2024/")));
        Answer added = w.put(s.path() + "/reports", w.creator.key(), request);

        assertStatus(added, 200);
        JsonNode r = added.data();
        assertThat(r.propertyNames()).contains("id", "reportID", "name", "description", "type", "outputFormats",
                "isIteration", "format", "emailEmbedment", "emailAttachment", "filters", "conditions", "storageServices",
                "separatorOptions", "isOpenFilePasswordProtected", "isWriteFilePasswordProtected", "imageQuality",
                "iterationOptions", "hub", "fileStorage");
        assertThat(r.get("reportID").asString()).isEqualTo(s.excel());
        assertThat(r.get("name").asString()).startsWith("Sales workbook");
        assertThat(r.get("type").asString()).isEqualTo("Excel");
        assertThat(r.get("outputFormats").valueStream().map(JsonNode::asString).toList()).containsExactly("Xlsx", "Pdf", "Csv");
        assertThat(r.get("isIteration").asBoolean()).isTrue();
        assertThat(r.get("format").asString()).isEqualTo("Xlsx");
        assertThat(r.get("filters").findValuesAsString("id")).containsExactly(s.filterA(), s.filterB());
        assertThat(r.get("filters").findValuesAsString("name").get(0)).startsWith("Europe");
        assertThat(r.get("filters").get(1).get("order").asInt()).isEqualTo(2);
        assertThat(r.get("conditions").get(0).get("name").asString()).startsWith("Has sales");
        assertThat(r.get("storageServices").get(0).get("folder").asString()).isEqualTo("Sales/2024");
        assertThat(r.get("storageServices").get(0).get("type").asString()).isEqualTo("Folder");
        assertThat(r.get("hub").get("publish").asBoolean()).isTrue();
        assertThat(r.get("hub").get("retentionCount").asInt()).isEqualTo(3);
        assertThat(r.get("fileStorage").get("folder").asString()).isEqualTo("Reports/Monthly");
        assertThat(r.get("separatorOptions").get("numberDecimalSeparator").asString()).isEqualTo(",");
        assertThat(r.get("imageQuality").asInt()).isEqualTo(75);
        assertThat(r.get("iterationOptions").get("zipForEmail").asBoolean()).isTrue();
        assertThat(r.get("iterationOptions").get("emailVisibilityVariable").asString())
                .isEqualTo(AppElementIds.variable(w.appOne, "vShow"));
        assertThat(r.get("isOpenFilePasswordProtected").asBoolean()).isTrue();
        assertThat(r.get("isWriteFilePasswordProtected").asBoolean()).isFalse();
        assertThat(added.body()).doesNotContain("open sesame");

        Document stored = w.stored(s.task().get("id").asString()).getList("reports", Document.class).get(0);
        assertThat(stored.getString("openPassword")).doesNotContain("open sesame");
        assertThat(w.server.bean(SecretCipher.class).decrypt(stored.getString("openPassword"))).isEqualTo("open sesame");

        String id = r.get("id").asString();
        Answer one = http.get(s.path() + "/reports/" + id, w.creator.key());
        assertStatus(one, 200);
        assertThat(one.body()).doesNotContain("open sesame");
        assertThat(ids(http.get(s.path() + "/reports", w.creator.key()))).containsExactly(id);
    }

    @Test
    void updatingATaskReportKeepsItsPasswordUntilProtectionIsTurnedOff() {
        Setup s = setup();
        Map<String, Object> protectedPdf = minimal(s.html(), "Pdf");
        protectedPdf.put("fileOpenPassword", "first");
        protectedPdf.put("fileWritePassword", "w");
        String id = w.put(s.path() + "/reports", w.creator.key(), protectedPdf).data().get("id").asString();
        String stored = storedReport(s).getString("openPassword");

        Map<String, Object> keep = minimal(s.html(), "Pdf");
        keep.put("isOpenFilePasswordProtected", true);
        keep.put("isWriteFilePasswordProtected", false);
        Answer kept = w.put(s.path() + "/reports?taskReportID=" + id, w.creator.key(), keep);
        assertStatus(kept, 200);
        assertThat(kept.data().get("id").asString()).isEqualTo(id);
        assertThat(kept.data().get("isOpenFilePasswordProtected").asBoolean()).isTrue();
        assertThat(kept.data().get("isWriteFilePasswordProtected").asBoolean()).isFalse();
        assertThat(storedReport(s).getString("openPassword")).isEqualTo(stored);
        assertThat(storedReport(s).getString("writePassword")).isNull();

        Map<String, Object> off = minimal(s.html(), "Html");
        Answer unprotected = w.put(s.path() + "/reports?taskReportID=" + id, w.creator.key(), off);
        assertStatus(unprotected, 200);
        assertThat(storedReport(s).getString("openPassword")).isNull();
        assertThat(ids(http.get(s.path() + "/reports", w.creator.key()))).containsExactly(id);
    }

    private static Document storedReport(Setup s) {
        return w.stored(s.task().get("id").asString()).getList("reports", Document.class).get(0);
    }

    @Test
    void theFormatMustSuitTheReportTypeAndTheOptionsTheFormat() {
        Setup s = setup();
        Document before = w.stored(s.task().get("id").asString());
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), minimal(s.html(), "Xlsx")), "format");
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), minimal(s.excel(), "Docx")), "format");
        Map<String, Object> embedPdf = minimal(s.html(), "Pdf");
        embedPdf.put("emailEmbedment", true);
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), embedPdf), "emailEmbedment");
        Map<String, Object> protectedHtml = minimal(s.html(), "Html");
        protectedHtml.put("fileOpenPassword", "x");
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), protectedHtml), "isOpenFilePasswordProtected");
        Map<String, Object> flagWithoutPassword = minimal(s.html(), "Pdf");
        flagWithoutPassword.put("isWriteFilePasswordProtected", true);
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), flagWithoutPassword), "fileWritePassword");
        Map<String, Object> iterationOnPlainReport = minimal(s.html(), "Pdf");
        iterationOnPlainReport.put("iterationOptions", Map.of("zipForFolder", true));
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), iterationOnPlainReport), "iterationOptions");
        Map<String, Object> unknownVariable = minimal(s.excel(), "Pdf");
        unknownVariable.put("iterationOptions", Map.of("hubVisibilityVariable", AppElementIds.variable(w.appTwo, "vShow")));
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), unknownVariable), "iterationOptions.hubVisibilityVariable");
        assertThat(w.stored(s.task().get("id").asString())).isEqualTo(before);
    }

    @Test
    void theBodyIsValidatedBeforeAnythingIsRead() {
        Setup s = setup();
        Document before = w.stored(s.task().get("id").asString());
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), body("format", "")), "reportID", "format",
                "emailEmbedment", "emailAttachment");
        Map<String, Object> bad = minimal("not-a-uuid", "Pdf");
        bad.put("imageQuality", 0);
        bad.put("filters", List.of(Map.of("id", s.filterA()), Map.of("id", s.filterA())));
        bad.put("conditions", List.of(Map.of("id", "x")));
        bad.put("storageServices", List.of(Map.of("id", UUID.randomUUID().toString(), "folder", "../etc")));
        bad.put("hub", Map.of("retentionCount", 1000));
        bad.put("fileStorage", Map.of("enabled", true, "folder", "a/b:c"));
        bad.put("separatorOptions", Map.of("numberDecimalSeparator", ",,", "numberGroupSeparator", "x"));
        bad.put("fileOpenPassword", "p".repeat(300));
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), bad), "reportID", "imageQuality", "filters[1].id",
                "conditions[0].id", "storageServices[0].folder", "hub.retentionCount", "fileStorage.folder",
                "separatorOptions.numberDecimalSeparator", "separatorOptions.numberGroupSeparator", "fileOpenPassword");
        Map<String, Object> same = minimal(s.html(), "Pdf");
        same.put("separatorOptions", Map.of("numberDecimalSeparator", ".", "numberGroupSeparator", "."));
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), same), "separatorOptions.numberGroupSeparator");
        assertStatus(w.put(s.path() + "/reports", w.creator.key(), "{\"reportID\": {\"$ne\": null}}"), 400);
        assertThat(w.stored(s.task().get("id").asString())).isEqualTo(before);
    }

    @Test
    void referencesMustBeOfTheTasksProjectAndOrganization() {
        Setup s = setup();
        String otherProject = w.project(w.creator).get("id").asString();
        String foreignReport = w.report(otherProject, w.creator.id(), unique("Elsewhere"), "HTML", false, List.of());
        String foreignFilter = w.filter(otherProject, w.creator.id(), unique("Elsewhere"), null);
        String foreignCondition = w.condition(otherProject, w.creator.id(), unique("Elsewhere"));
        String filterOnOtherApp = w.filter(s.projectId(), w.creator.id(), unique("Other app"), w.appTwo);
        String foreignStorage = w.storageService(w.orgB.id(), unique("B share"));
        Document before = w.stored(s.task().get("id").asString());

        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), minimal(foreignReport, "Pdf")), "reportID");
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), minimal(UUID.randomUUID().toString(), "Pdf")), "reportID");
        Map<String, Object> request = minimal(s.html(), "Pdf");
        request.put("filters", List.of(Map.of("id", s.filterA()), Map.of("id", foreignFilter), Map.of("id", filterOnOtherApp)));
        request.put("conditions", List.of(Map.of("id", foreignCondition)));
        request.put("storageServices", List.of(Map.of("id", foreignStorage)));
        assertInvalid(w.put(s.path() + "/reports", w.creator.key(), request), "filters[1].id", "filters[2].id",
                "conditions[0].id", "storageServices[0].id");
        assertThat(w.stored(s.task().get("id").asString())).isEqualTo(before);
    }

    @Test
    void usingAReportFilterOrConditionNeedsItsUseFlag() {
        Setup s = setup();
        w.grant(s.projectId(), w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask", "viewReport",
                "viewFilter", "viewCondition");
        Document before = w.stored(s.task().get("id").asString());
        assertStatus(w.put(s.path() + "/reports", w.otherCreator.key(), minimal(s.html(), "Pdf")), 403);

        w.grant(s.projectId(), w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask", "viewReport",
                "useReport", "viewFilter", "viewCondition");
        Map<String, Object> withFilter = minimal(s.html(), "Pdf");
        withFilter.put("filters", List.of(Map.of("id", s.filterA())));
        assertStatus(w.put(s.path() + "/reports", w.otherCreator.key(), withFilter), 403);
        Map<String, Object> withCondition = minimal(s.html(), "Pdf");
        withCondition.put("conditions", List.of(Map.of("id", s.condition())));
        assertStatus(w.put(s.path() + "/reports", w.otherCreator.key(), withCondition), 403);
        assertThat(w.stored(s.task().get("id").asString())).isEqualTo(before);

        w.grant(s.projectId(), w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask", "viewReport",
                "useReport", "viewFilter", "useFilter", "viewCondition", "useCondition");
        withFilter.put("conditions", List.of(Map.of("id", s.condition())));
        assertStatus(w.put(s.path() + "/reports", w.otherCreator.key(), withFilter), 200);
    }

    @Test
    void inCustomizableModeTheReportsOwnMembersDecideItsUse() {
        Setup s = setup();
        w.customizable(s.projectId(), w.creator);
        w.grant(s.projectId(), w.otherCreator.id(), "User", w.creator, "viewProject", "viewTask", "editTask", "viewReport",
                "useReport");
        JsonNode task = w.task(w.creator, s.projectId());
        String report = w.report(s.projectId(), w.creator.id(), unique("Older than the grant"), "Word", false, List.of());
        String path = "/api/v1/tasks/" + task.get("id").asString();
        assertStatus(w.put(path + "/reports", w.otherCreator.key(), minimal(report, "Docx")), 403);
        String owned = w.report(s.projectId(), w.otherCreator.id(), unique("Owned"), "PowerPoint", false, List.of());
        assertStatus(w.put(path + "/reports", w.otherCreator.key(), minimal(owned, "pptx")), 200);
    }

    @Test
    void theTaskReportRoutesNeedViewAndEditFlagsAndFindOnlyTheTasksReports() {
        Setup s = setup();
        String id = w.put(s.path() + "/reports", w.creator.key(), minimal(s.html(), "Pdf")).data().get("id").asString();
        JsonNode other = w.task(w.creator, s.projectId());
        String otherPath = "/api/v1/tasks/" + other.get("id").asString();
        Document before = w.stored(s.task().get("id").asString());

        assertStatus(http.get(s.path() + "/reports", null), 401);
        assertStatus(http.get(s.path() + "/reports/" + id, null), 401);
        assertStatus(w.put(s.path() + "/reports", null, minimal(s.html(), "Pdf")), 401);
        assertStatus(w.deleteJson(s.path() + "/reports", null, List.of(id)), 401);
        assertStatus(http.get(s.path() + "/reports", w.outsider.key()), 404);
        assertStatus(http.get(s.path() + "/reports/" + id, w.outsider.key()), 404);
        assertStatus(w.put(s.path() + "/reports", w.outsider.key(), minimal(s.html(), "Pdf")), 404);
        assertStatus(w.deleteJson(s.path() + "/reports", w.outsider.key(), List.of(id)), 404);
        assertStatus(http.get(otherPath + "/reports/" + id, w.creator.key()), 404);
        assertStatus(w.put(otherPath + "/reports?taskReportID=" + id, w.creator.key(), minimal(s.html(), "Pdf")), 404);
        assertStatus(w.deleteJson(otherPath + "/reports", w.creator.key(), List.of(id)), 404);
        w.grant(s.projectId(), w.viewer.id(), "User", w.creator, "viewProject", "viewTask", "viewReport");
        assertStatus(http.get(s.path() + "/reports", w.viewer.key()), 200);
        assertStatus(http.get(s.path() + "/reports/" + id, w.viewer.key()), 200);
        assertStatus(w.put(s.path() + "/reports", w.viewer.key(), minimal(s.html(), "Pdf")), 403);
        assertStatus(w.deleteJson(s.path() + "/reports", w.viewer.key(), List.of(id)), 403);
        Map<String, Object> stale = minimal(s.html(), "Png");
        stale.put("version", 0);
        assertStatus(w.put(s.path() + "/reports?taskReportID=" + id, w.creator.key(), stale), 409);
        assertThat(w.stored(s.task().get("id").asString())).isEqualTo(before);

        assertStatus(w.deleteJson(s.path() + "/reports", w.creator.key(), List.of(id, UUID.randomUUID().toString())), 404);
        Answer deleted = w.deleteJson(s.path() + "/reports", w.creator.key(), List.of(id));
        assertStatus(deleted, 200);
        assertThat(ids(http.get(s.path() + "/reports", w.creator.key()))).isEmpty();
    }

    // ---- cascades ----

    @Test
    void deletingAReportFilterOrConditionRemovesItFromEveryTaskReport() {
        Setup s = setup();
        JsonNode second = w.task(w.creator, s.projectId());
        String secondPath = "/api/v1/tasks/" + second.get("id").asString();
        Map<String, Object> full = minimal(s.excel(), "Pdf");
        full.put("filters", List.of(Map.of("id", s.filterA()), Map.of("id", s.filterB())));
        full.put("conditions", List.of(Map.of("id", s.condition())));
        String keptInFirst = w.put(s.path() + "/reports", w.creator.key(), full).data().get("id").asString();
        w.put(s.path() + "/reports", w.creator.key(), minimal(s.html(), "Html"));
        w.put(secondPath + "/reports", w.creator.key(), minimal(s.html(), "Png"));
        Map<String, Object> withFilter = minimal(s.excel(), "Csv");
        withFilter.put("filters", List.of(Map.of("id", s.filterA())));
        w.put(secondPath + "/reports", w.creator.key(), withFilter);
        long versionBefore = http.get(s.path(), w.creator.key()).data().get("version").asLong();

        // The filter twice, as a retried deletion would announce it.
        AssetTypeKinds.announceDeleted(w.server, AssetTypeKinds.REPORT, s.html(), s.projectId(), w.creator.id());
        AssetTypeKinds.announceDeleted(w.server, AssetTypeKinds.FILTER, s.filterA(), s.projectId(), w.creator.id());
        AssetTypeKinds.announceDeleted(w.server, AssetTypeKinds.CONDITION, s.condition(), s.projectId(), w.creator.id());
        AssetTypeKinds.announceDeleted(w.server, AssetTypeKinds.FILTER, s.filterA(), s.projectId(), w.creator.id());

        JsonNode first = http.get(s.path() + "/reports", w.creator.key()).data();
        assertThat(first.valueStream().map(r -> r.get("id").asString()).toList()).containsExactly(keptInFirst);
        assertThat(first.get(0).get("filters").findValuesAsString("id")).containsExactly(s.filterB());
        assertThat(first.get(0).get("filters").get(0).get("order").asInt()).isEqualTo(1);
        assertThat(first.get(0).get("conditions").size()).isZero();
        JsonNode secondReports = http.get(secondPath + "/reports", w.creator.key()).data();
        assertThat(secondReports.findValuesAsString("reportID")).containsExactly(s.excel());
        assertThat(secondReports.get(0).get("filters").size()).isZero();
        assertThat(http.get(s.path(), w.creator.key()).data().get("version").asLong()).isGreaterThan(versionBefore);
    }

    @Test
    void aStorageServiceInUseNamesTheTasksUsingIt() {
        Setup s = setup();
        String storage = w.storageService(w.orgA.id(), unique("Used"));
        String unused = w.storageService(w.orgA.id(), unique("Unused"));
        Map<String, Object> request = minimal(s.html(), "Pdf");
        request.put("storageServices", List.of(Map.of("id", storage, "folder", "x")));
        assertStatus(w.put(s.path() + "/reports", w.creator.key(), request), 200);

        TaskReferences references = w.server.bean(TaskReferences.class);
        assertThat(references.tasksUsingStorageService(w.orgA.id(), storage)).containsExactly(s.task().get("name").asString());
        assertThat(references.tasksUsingStorageService(w.orgA.id(), unused)).isEmpty();
        assertThat(references.tasksUsingStorageService(w.orgB.id(), storage)).isEmpty();

        Http.Answer refused = http.delete("/api/v1/storage-services/" + storage, w.administrator.key());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains(s.task().get("name").asString());
        assertThat(http.get("/api/v1/storage-services/" + storage, w.administrator.key()).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/storage-services/" + unused, w.administrator.key()).status()).isEqualTo(200);
    }
}
