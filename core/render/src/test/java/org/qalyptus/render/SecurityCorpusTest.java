package org.qalyptus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.render.RenderDocument.AssetResolver;
import org.qalyptus.spi.render.RenderOptions;
import org.qalyptus.spi.render.TemplateKind;

/**
 * Hostile templates: each must end as a clear {@link ExtensionException} or as inert output, and none may
 * reach the network or the file system. Proof of "no access": a local HTTP server counts every request (every
 * http/https URL in the corpus points at it, and its redirect points at the canary), and the canary file is a
 * named pipe whose writer only gets past opening it when someone opens it for reading.
 */
class SecurityCorpusTest {

    static final String CANARY = "CANARY-7f3a-secret";

    /** ERROR: refused with a clear message; INERT: rendered, fetching nothing; EITHER: one of the two per format. */
    enum Outcome { ERROR, INERT, EITHER }

    record Payload(String name, TemplateKind kind, Function<String[], byte[]> template, Outcome outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    static HttpServer server;
    static final AtomicInteger hits = new AtomicInteger();
    static String base;
    static Path folder;
    static Path canary;
    static final AtomicBoolean canaryOpened = new AtomicBoolean();
    static volatile boolean closing;
    static Thread canaryWriter;
    static AppSession session;
    static ReportRenderer renderer;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            if (exchange.getRequestURI().getPath().startsWith("/redirect")) {
                exchange.getResponseHeaders().add("Location", canary.toUri().toString());
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = OfficeTemplates.pngLogo();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        folder = Files.createTempDirectory("qalyptus-canary");
        canary = folder.resolve("canary.png");
        Process mkfifo = new ProcessBuilder("mkfifo", canary.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        canaryWriter = new Thread(() -> {
            while (!closing) {
                try (OutputStream out = Files.newOutputStream(canary)) {
                    if (!closing) {
                        canaryOpened.set(true);
                    }
                    out.write(CANARY.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
            }
        }, "canary-writer");
        canaryWriter.setDaemon(true);
        canaryWriter.start();
        session = Demo.open();
        renderer = new ReportRenderer(RenderLimits.defaults(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        closing = true;
        try (InputStream in = Files.newInputStream(canary)) {
            in.readAllBytes();
        }
        canaryWriter.join(5_000);
        server.stop(0);
        session.close();
        Files.deleteIfExists(canary);
        Files.deleteIfExists(folder);
    }

    @BeforeEach
    void reset() {
        hits.set(0);
    }

    static String[] urls() {
        String file = canary.toUri().toString();
        return new String[] {base, file, canary.toString()};
    }

    static Payload html(String name, Outcome outcome, String source) {
        return new Payload(name, TemplateKind.HTML, u -> source.replace("$BASE", u[0]).replace("$FILE", u[1]).replace("$PATH", u[2])
                .getBytes(StandardCharsets.UTF_8), outcome);
    }

    static Payload office(String name, TemplateKind kind, Function<String[], byte[]> bytes) {
        return new Payload(name, kind, bytes, Outcome.ERROR);
    }

    static final String LIST500 = "<#assign xs = \"" + ",".repeat(500) + "\"?split(\",\")>";

    static Stream<Arguments> corpus() {
        List<Payload> p = new ArrayList<>();
        // FreeMarker: object creation, Java access, other templates, code from text.
        p.add(html("?new Execute", Outcome.ERROR, "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"cat $PATH\")}"));
        p.add(html("?new ObjectConstructor", Outcome.ERROR,
                "${\"freemarker.template.utility.ObjectConstructor\"?new()(\"java.io.FileInputStream\", \"$PATH\")}"));
        p.add(html("?new JythonRuntime", Outcome.ERROR, "<#assign j=\"freemarker.template.utility.JythonRuntime\"?new()>"));
        p.add(html("?api on the model", Outcome.ERROR, "${report?api.getClass().getName()}"));
        p.add(html("?api on data_model", Outcome.ERROR, "${.data_model?api}"));
        p.add(html("?has_api", Outcome.ERROR, "${report?has_api?c}"));
        p.add(html("class loader walk via .class", Outcome.ERROR, "${report.class.protectionDomain.codeSource.location}"));
        p.add(html("class loader walk via getClass()", Outcome.ERROR, "${report.getClass().getClassLoader()}"));
        p.add(html("class loader walk on a function", Outcome.ERROR, "${table.class.classLoader}"));
        p.add(html("static models", Outcome.ERROR, "${statics[\"java.lang.Runtime\"].getRuntime()}"));
        p.add(html("#include of a file", Outcome.ERROR, "<#include \"$PATH\">"));
        p.add(html("#include of a URL", Outcome.ERROR, "<#include \"$BASE/x.ftl\">"));
        p.add(html("#import", Outcome.ERROR, "<#import \"/etc/passwd\" as x>"));
        p.add(html("?interpret", Outcome.ERROR, "<#assign t = \"<#list 1.. as i></#list>\"?interpret><@t/>"));
        p.add(html("?eval", Outcome.ERROR, "${\"1..\"?eval?size}"));
        p.add(html("unbounded range", Outcome.ERROR, "<#list 1.. as i>${i}</#list>"));
        p.add(html("huge range join", Outcome.ERROR, "${(1..2147483647)?join(\",\")}"));
        p.add(html("output capture with #assign", Outcome.ERROR, "<#assign big>" + "x".repeat(10) + "</#assign>${big}"));
        p.add(html("#attempt", Outcome.ERROR, "<#attempt>${x}<#recover>y</#attempt>"));
        p.add(html("?left_pad bomb", Outcome.ERROR, "${\"a\"?left_pad(2000000000)}"));
        p.add(html("regex ReDoS with ?matches", Outcome.ERROR, "${(\"a\"?left_pad(40, \"a\") + \"b\")?matches(\"(a+)+c\")?c}"));
        p.add(html("regex ReDoS with ?replace r", Outcome.ERROR, "${\"aaaa\"?replace(\"(a+)+c\", \"\", \"r\")}"));
        p.add(html("output bomb", Outcome.ERROR, LIST500 + "<#list xs as a><#list xs as b><#list xs as c>"
                + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</#list></#list></#list>"));
        p.add(html("endless recursion", Outcome.ERROR, "<#function f n><#return f(n)></#function>${f(1)}"));
        p.add(html("deeply nested expression", Outcome.ERROR, "${" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "}"));
        // Resources: only data: URIs and the report's assets are ever read.
        p.add(html("img http", Outcome.INERT, "<p>x</p><img src=\"$BASE/img.png\"/>"));
        p.add(html("img https", Outcome.INERT, "<p>x</p><img src=\"https://127.0.0.1:1/img.png\"/><img src=\"$BASE/a.png\"/>"));
        p.add(html("img file", Outcome.INERT, "<p>x</p><img src=\"$FILE\"/>"));
        p.add(html("img absolute path", Outcome.INERT, "<p>x</p><img src=\"$PATH\"/>"));
        p.add(html("img relative path", Outcome.INERT, "<p>x</p><img src=\"../../../../../../..$PATH\"/>"));
        p.add(html("img jar", Outcome.INERT, "<p>x</p><img src=\"jar:$FILE!/x.png\"/>"));
        p.add(html("img classpath", Outcome.INERT, "<p>x</p><img src=\"classpath:/org/qalyptus/render/report.css\"/>"));
        p.add(html("img redirect to file", Outcome.INERT, "<p>x</p><img src=\"$BASE/redirect\"/>"));
        p.add(html("link stylesheet http", Outcome.INERT, "<html><head><link rel=\"stylesheet\" href=\"$BASE/s.css\"/></head><body>x</body></html>"));
        p.add(html("link stylesheet file", Outcome.INERT, "<html><head><link rel=\"stylesheet\" href=\"$FILE\"/></head><body>x</body></html>"));
        p.add(html("css @import http", Outcome.INERT, "<style>@import url(\"$BASE/i.css\");</style><p>x</p>"));
        p.add(html("css @import file", Outcome.INERT, "<style>@import \"$FILE\";</style><p>x</p>"));
        p.add(html("css background http", Outcome.INERT, "<style>body { background-image: url(\"$BASE/bg.png\") }</style><p>x</p>"));
        p.add(html("inline style url file", Outcome.INERT, "<p style=\"background: url('$FILE')\">x</p>"));
        p.add(html("font-face http", Outcome.INERT,
                "<style>@font-face { font-family: evil; src: url(\"$BASE/f.ttf\") } p { font-family: evil }</style><p>x</p>"));
        p.add(html("font-face file", Outcome.INERT,
                "<style>@font-face { font-family: evil2; src: url(\"$FILE\") } p { font-family: evil2 }</style><p>x</p>"));
        p.add(html("XXE entity", Outcome.INERT, "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"$FILE\">]><html><body><p>&xxe;</p></body></html>"));
        p.add(html("external DTD", Outcome.INERT, "<!DOCTYPE html SYSTEM \"$BASE/x.dtd\"><html><body><p>x</p></body></html>"));
        p.add(html("xml-stylesheet instruction", Outcome.INERT, "<?xml-stylesheet href=\"$BASE/pi.css\"?><html><body>x</body></html>"));
        p.add(html("SVG image with external href", Outcome.INERT, "<p>x</p><img src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
                + "<image xlink:href='$BASE/svg.png' width='10' height='10'/></svg>").getBytes(StandardCharsets.UTF_8)) + "\"/>"));
        p.add(html("inline svg with external image", Outcome.INERT,
                "<p>x</p><svg><image href=\"$BASE/svg2.png\" width=\"10\" height=\"10\"/></svg>"));
        p.add(html("object, iframe, embed, base, refresh", Outcome.INERT, "<html><head><base href=\"$BASE/\"/>"
                + "<meta http-equiv=\"refresh\" content=\"0;url=$BASE/r\"/></head><body><object data=\"$BASE/o\"></object>"
                + "<iframe src=\"$FILE\"></iframe><embed src=\"$BASE/e\"/><img src=\"relative.png\"/><p>x</p></body></html>"));
        p.add(html("script", Outcome.INERT, "<p onclick=\"fetch('$BASE/js')\">x</p><script>fetch('$BASE/js2')</script>"));
        p.add(html("huge image (decompression bomb)", Outcome.ERROR, "<p>x</p><img src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(pngHeader(100_000, 100_000)) + "\"/>"));
        p.add(html("deep HTML nesting", Outcome.EITHER, "<p>x</p>" + "<div>".repeat(20_000) + "deep" + "</div>".repeat(20_000)));
        // Office templates: bombs and XML tricks are refused before anything is parsed or fetched.
        p.add(office("xlsx zip bomb", TemplateKind.EXCEL, u -> withEntry(DemoTemplates.salesExcel(), "xl/media/bomb.bin", new byte[64 << 20])));
        p.add(office("xlsx with 20,000 parts", TemplateKind.EXCEL, u -> manyEntries(DemoTemplates.salesExcel(), 20_000)));
        p.add(office("xlsx XXE in workbook.xml", TemplateKind.EXCEL, u -> withDoctype(DemoTemplates.salesExcel(), "xl/workbook.xml",
                "<!DOCTYPE workbook [<!ENTITY xxe SYSTEM \"" + u[1] + "\"><!ENTITY web SYSTEM \"" + u[0] + "/x\">]>")));
        p.add(office("docx external DTD", TemplateKind.WORD, u -> withDoctype(OfficeTemplates.word(), "word/document.xml",
                "<!DOCTYPE w:document SYSTEM \"" + u[0] + "/doc.dtd\">")));
        p.add(office("pptx zip bomb", TemplateKind.POWERPOINT, u -> withEntry(OfficeTemplates.powerPoint(), "ppt/media/bomb.bin",
                new byte[64 << 20])));
        p.add(office("not an Office file", TemplateKind.EXCEL, u -> "PK-not-really".getBytes(StandardCharsets.UTF_8)));
        return p.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void endsAsAClearErrorOrInertOutputWithoutNetworkOrFileAccess(Payload payload) {
        byte[] bytes = payload.template().apply(urls());
        ReportTemplate template = new ReportTemplate("attack-" + payload.name().hashCode(), "attack", payload.kind(), bytes,
                AssetResolver.NONE);
        List<String> formats = payload.kind() == TemplateKind.HTML ? List.of("Pdf", "Html")
                : payload.kind() == TemplateKind.EXCEL ? List.of("Xlsx", "Csv") : payload.kind() == TemplateKind.WORD
                ? List.of("Docx") : List.of("Pptx");
        for (String format : formats) {
            byte[] output = null;
            ExtensionException error = null;
            try {
                output = renderer.renderToBytes(template, session, SelectionState.EMPTY, IterationValues.NONE,
                        BuiltInFormats.byTypeId(format).orElseThrow(), RenderOptions.defaults());
            } catch (ExtensionException e) {
                error = e;
            } catch (Throwable e) {
                fail(payload.name() + " -> " + format + ": not a clear error but " + e, e);
            }
            if (payload.outcome() == Outcome.ERROR || (payload.outcome() == Outcome.EITHER && error != null)) {
                assertThat(error).as(payload.name() + " -> " + format + " must be refused").isNotNull();
                assertThat(error.getMessage()).isNotBlank().doesNotContain("Exception:").doesNotContain(CANARY);
            } else {
                assertThat(error).as(payload.name() + " -> " + format + " must render inertly").isNull();
                String text = format.equals("Pdf") ? Pdfs.text(output) : new String(output, StandardCharsets.UTF_8);
                assertThat(text).as("output").doesNotContain(CANARY).doesNotContain("<script");
                assertThat(new String(output, StandardCharsets.ISO_8859_1)).doesNotContain(CANARY);
                if (format.equals("Html")) {
                    assertThat(text).doesNotContainPattern("(src|href|data|srcset)=\"[^\"]*(127\\.0\\.0\\.1|file:|jar:)");
                    assertThat(text).doesNotContainPattern("url\\(['\"]?(https?|file|jar):");
                }
            }
        }
        assertThat(hits.get()).as("HTTP requests made by " + payload.name()).isZero();
        assertThat(canaryOpened.get()).as("canary file opened by " + payload.name()).isFalse();
    }

    @Test
    void anEndlessLoopIsStoppedWithinTenSeconds() {
        String loop = LIST500 + "<#list xs as a><#list xs as b><#list xs as c><#list xs as d></#list></#list></#list></#list>";
        ReportTemplate template = ReportTemplate.html("endless", "endless", loop, AssetResolver.NONE);
        assertThat(RenderLimits.defaults().templateTime()).isEqualTo(Duration.ofSeconds(10));
        long start = System.nanoTime();
        try {
            renderer.renderToBytes(template, session, SelectionState.EMPTY, IterationValues.NONE, BuiltInFormats.pdf(),
                    RenderOptions.defaults());
            fail("the endless loop finished");
        } catch (RenderException e) {
            assertThat(e.getMessage()).contains("took longer than its budget of 10.0 s");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(9_000L, 10_500L);
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt leaks to the caller").isFalse();
    }

    @Test
    void timeSpentWaitingForTheConnectorDoesNotCountAgainstTheTemplatesBudgetButALoopStillDoes() {
        ReportRenderer quick = new ReportRenderer(RenderLimits.defaults().withTemplateTime(Duration.ofMillis(500)), Clock.systemUTC());
        AppSession slow = new ForwardingSession(session) {
            @Override
            public org.qalyptus.spi.app.AppModel.ObjectData objectData(String objectId, SelectionState state,
                    org.qalyptus.spi.app.AppModel.DataPage page) {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    throw new AssertionError("the connector's wait was interrupted", e);
                }
                return super.objectData(objectId, state, page);
            }
        };
        String threeObjects = "${kpi(\"kpi-revenue\")} ${table(\"table-region-product\")} ${kpi(\"kpi-margin\")}";
        byte[] pdf = quick.renderToBytes(ReportTemplate.html("slow", "slow", threeObjects, AssetResolver.NONE), slow,
                SelectionState.EMPTY, IterationValues.NONE, BuiltInFormats.pdf(), RenderOptions.defaults());
        assertThat(pdf).isNotEmpty();

        String loopAfterData = threeObjects + LIST500
                + "<#list xs as a><#list xs as b><#list xs as c><#list xs as d></#list></#list></#list></#list>";
        long start = System.nanoTime();
        assertThatThrownBy(() -> quick.renderToBytes(ReportTemplate.html("slow2", "slow", loopAfterData, AssetResolver.NONE), slow,
                SelectionState.EMPTY, IterationValues.NONE, BuiltInFormats.pdf(), RenderOptions.defaults()))
                .isInstanceOf(RenderException.class).hasMessageContaining("took longer than its budget");
        assertThat((System.nanoTime() - start) / 1_000_000).as("1.2 s of reads plus the 0.5 s budget").isBetween(1_500L, 6_000L);
    }

    @Test
    void aShorterBudgetStopsSoonerAndTheRendererKeepsWorking() {
        ReportRenderer quick = new ReportRenderer(RenderLimits.defaults().withTemplateTime(Duration.ofMillis(300)), Clock.systemUTC());
        String loop = LIST500 + "<#list xs as a><#list xs as b><#list xs as c><#list xs as d></#list></#list></#list></#list>";
        long start = System.nanoTime();
        try {
            quick.renderToBytes(ReportTemplate.html("endless2", "e", loop, AssetResolver.NONE), session, SelectionState.EMPTY,
                    IterationValues.NONE, BuiltInFormats.pdf(), RenderOptions.defaults());
            fail("the endless loop finished");
        } catch (RenderException e) {
            assertThat(e.getMessage()).contains("budget");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        byte[] pdf = quick.renderToBytes(ReportTemplate.html("fine", "f", "<p>${kpi(\"kpi-revenue\")}</p>", AssetResolver.NONE), session,
                SelectionState.EMPTY, IterationValues.NONE, BuiltInFormats.pdf(), RenderOptions.defaults());
        assertThat(Pdfs.text(pdf)).contains(DemoSums.money(DemoSums.revenue(s -> true)));
    }

    @Test
    void theCorpusHasAtLeastThirtyPayloads() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
    }

    // ---- payload builders

    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        CRC32 end = new CRC32();
        end.update("IEND".getBytes(StandardCharsets.US_ASCII));
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) end.getValue());
        return png.array();
    }

    interface EntryEditor {
        byte[] edit(String name, byte[] content);
    }

    static byte[] rewrite(byte[] zip, EntryEditor editor, List<String[]> extra, byte[] extraContent) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(editor.edit(entry.getName(), in.readAllBytes()));
                    out.closeEntry();
                }
                for (String[] name : extra) {
                    out.putNextEntry(new ZipEntry(name[0]));
                    out.write(extraContent);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] withEntry(byte[] zip, String name, byte[] content) {
        return rewrite(zip, (n, c) -> c, List.<String[]>of(new String[] {name}), content);
    }

    static byte[] manyEntries(byte[] zip, int count) {
        List<String[]> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(new String[] {"xl/extra/e" + i + ".xml"});
        }
        return rewrite(zip, (n, c) -> c, names, new byte[0]);
    }

    static byte[] withDoctype(byte[] zip, String part, String doctype) {
        return rewrite(zip, (name, content) -> {
            if (!name.equals(part)) {
                return content;
            }
            String xml = new String(content, StandardCharsets.UTF_8);
            int afterDeclaration = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
            return (xml.substring(0, afterDeclaration) + doctype + xml.substring(afterDeclaration)).getBytes(StandardCharsets.UTF_8);
        }, List.of(), new byte[0]);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
