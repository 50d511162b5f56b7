package org.qalyptus.server.user;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.license.License;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Adds users from an Excel workbook laid out as the template: one row per user and organization (a user in
 * two organizations takes two rows with the same email). The file is refused over {@link #MAX_FILE_BYTES}
 * before anything parses it, read as a stream, and cut at {@link #MAX_ROWS} rows. Every row is checked
 * first; when any row is wrong, every wrong row is reported (line and reason) and no user is added.
 */
@Service
public class UserImportService {

    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    public static final int MAX_ROWS = 10_000;
    static final List<String> COLUMNS = List.of("Email", "First name", "Last name", "Type", "Organization", "Role",
            "License", "Groups");

    private final UserRepository users;
    private final UserService userService;
    private final InvitationService invitations;
    private final OrganizationAccess access;
    private final OrganizationRepository organizations;
    private final GroupRepository groups;
    private final Clock clock;

    UserImportService(UserRepository users, UserService userService, InvitationService invitations,
            OrganizationAccess access, OrganizationRepository organizations, GroupRepository groups, Clock clock) {
        this.users = users;
        this.userService = userService;
        this.invitations = invitations;
        this.access = access;
        this.organizations = organizations;
        this.groups = groups;
        this.clock = clock;
    }

    /** A refused row: {@code line} as Excel numbers it. */
    public record RowError(int line, String reason) {}

    public record ImportResult(int imported, List<UserViews.UserView> users, List<InvitationService.Invited> invitations,
            boolean emailSent, String message) {}

    /** What an upload is: its name decides nothing beyond the extension check; the content is sniffed. */
    public record Upload(String fileName, long size, InputStream content) {}

    public List<UserDocument> importUsers(Caller caller, Upload upload, String requestBaseUrl,
            List<InvitationService.Invited> invited) {
        if (access.administeredOrganizationIds(caller).isEmpty()) {
            throw ApiException.forbidden("Only administrators of an organization may import users");
        }
        if (upload.size() > MAX_FILE_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than the limit of 5 MB", null);
        }
        String name = upload.fileName() == null ? "" : upload.fileName().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".xlsx") || name.endsWith(".xlsm") || name.endsWith(".xls"))) {
            throw ApiException.invalid("file", "must be an Excel workbook: .xlsx, .xlsm or .xls");
        }
        Path file = copyCapped(upload.content());
        try {
            Parsed parsed = parse(caller, file);
            if (!parsed.errors.isEmpty()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "The file has " + parsed.errors.size()
                        + " wrong row(s); no user was imported", parsed.errors);
            }
            return create(parsed, requestBaseUrl, invited);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp folder
            }
        }
    }

    /** Copies the upload to a temporary file, refusing it as soon as it grows past the limit. */
    private static Path copyCapped(InputStream in) {
        try {
            Path file = Files.createTempFile("qalyptus-import-", ".bin");
            try (InputStream limited = in; var out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = limited.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_FILE_BYTES) {
                        out.close();
                        Files.deleteIfExists(file);
                        throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than the limit of 5 MB", null);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Parsed {
        final List<RowError> errors = new ArrayList<>();
        final Map<String, Person> people = new LinkedHashMap<>();
    }

    private static final class Person {
        final String email;
        final String firstName;
        final String lastName;
        final String type;
        final int firstLine;
        final List<Membership> memberships = new ArrayList<>();

        Person(String email, String firstName, String lastName, String type, int firstLine) {
            this.email = email;
            this.firstName = firstName;
            this.lastName = lastName;
            this.type = type;
            this.firstLine = firstLine;
        }
    }

    private Parsed parse(Caller caller, Path file) {
        Parsed parsed = new Parsed();
        List<OrganizationDocument> administered = organizations.findAllById(access.administeredOrganizationIds(caller));
        Map<String, List<GroupDocument>> groupsByOrganization = new LinkedHashMap<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        try {
            ExcelRows.read(file, MAX_ROWS, (line, cells) -> {
                if (columns.isEmpty()) {
                    header(line, cells, columns, parsed.errors);
                    return;
                }
                if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                    return;
                }
                row(line, cells, columns, administered, groupsByOrganization, parsed);
            });
        } catch (ExcelRows.TooManyRows e) {
            throw ApiException.badRequest("The file has more than " + MAX_ROWS + " rows; split it into several files");
        } catch (ExcelRows.UnreadableWorkbook e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (columns.isEmpty()) {
            parsed.errors.add(new RowError(1, "the sheet is empty: the first row must be the template's header"));
        } else if (parsed.people.isEmpty() && parsed.errors.isEmpty()) {
            parsed.errors.add(new RowError(2, "the file has no user rows"));
        }
        return parsed;
    }

    private static void header(int line, List<String> cells, Map<String, Integer> columns, List<RowError> errors) {
        for (int i = 0; i < cells.size(); i++) {
            String title = cells.get(i).trim().toLowerCase(Locale.ROOT);
            for (String column : COLUMNS) {
                if (column.toLowerCase(Locale.ROOT).equals(title)) {
                    columns.put(column, i);
                }
            }
        }
        for (String required : List.of("Email", "First name", "Last name", "Organization")) {
            if (!columns.containsKey(required)) {
                errors.add(new RowError(line, "the header has no '" + required + "' column (download the template)"));
            }
        }
        if (columns.isEmpty()) {
            columns.put("", -1);
        }
    }

    private void row(int line, List<String> cells, Map<String, Integer> columns, List<OrganizationDocument> administered,
            Map<String, List<GroupDocument>> groupsByOrganization, Parsed parsed) {
        List<String> reasons = new ArrayList<>();
        String email = UserService.normalizeEmail(cell(cells, columns, "Email"));
        String firstName = cell(cells, columns, "First name");
        String lastName = cell(cells, columns, "Last name");
        String typeText = cell(cells, columns, "Type");
        String organizationName = cell(cells, columns, "Organization");
        String roleText = cell(cells, columns, "Role");
        String licenseText = cell(cells, columns, "License");
        String groupsText = cell(cells, columns, "Groups");
        if (email == null || email.length() > 320 || !UserService.EMAIL.matcher(email).matches()) {
            reasons.add("Email: missing or not an email address");
        }
        if (firstName.isEmpty() || firstName.length() > 200) {
            reasons.add("First name: required (at most 200 characters)");
        }
        if (lastName.isEmpty() || lastName.length() > 200) {
            reasons.add("Last name: required (at most 200 characters)");
        }
        String type = typeText.isEmpty() ? UserDocument.USER
                : typeText.equalsIgnoreCase(UserDocument.USER) ? UserDocument.USER
                : typeText.equalsIgnoreCase(UserDocument.RECIPIENT) ? UserDocument.RECIPIENT : null;
        if (type == null) {
            reasons.add("Type: must be User or Recipient");
        }
        Optional<OrganizationDocument> organization = administered.stream()
                .filter(o -> o.name().equalsIgnoreCase(organizationName) || organizationName.equalsIgnoreCase(o.displayName()))
                .findFirst();
        if (organization.isEmpty()) {
            reasons.add("Organization: '" + organizationName + "' is not an organization you administer");
        }
        String role = roleText.isEmpty() ? Membership.MEMBER
                : roleText.equalsIgnoreCase(Membership.ADMINISTRATOR) ? Membership.ADMINISTRATOR
                : roleText.equalsIgnoreCase(Membership.MEMBER) ? Membership.MEMBER : null;
        if (role == null) {
            reasons.add("Role: must be Administrator or Member");
        }
        Optional<License> license = licenseText.isEmpty()
                ? Optional.of(UserDocument.RECIPIENT.equals(type) ? License.Unlicensed : License.Viewer)
                : License.parse(licenseText);
        if (license.isEmpty()) {
            reasons.add("License: must be one of " + License.allowedValues());
        }
        if (UserDocument.RECIPIENT.equals(type) && (Membership.ADMINISTRATOR.equals(role)
                || license.map(l -> l != License.Unlicensed).orElse(false))) {
            reasons.add("a Recipient only receives email: role Member and license Unlicensed");
        }
        List<String> groupIds = new ArrayList<>();
        if (organization.isPresent()) {
            List<GroupDocument> organizationGroups = groupsByOrganization.computeIfAbsent(organization.get().id(),
                    groups::findByOrganizationId);
            organizationGroups.stream().filter(GroupDocument::isDefault).findFirst().ifPresent(g -> groupIds.add(g.id()));
            for (String groupName : groupsText.split(";")) {
                if (groupName.isBlank()) {
                    continue;
                }
                Optional<GroupDocument> group = organizationGroups.stream()
                        .filter(g -> !g.isDefault() && g.name().equalsIgnoreCase(groupName.trim())).findFirst();
                if (group.isEmpty()) {
                    reasons.add("Groups: '" + groupName.trim() + "' is not a group of " + organizationName);
                } else if (!groupIds.contains(group.get().id())) {
                    groupIds.add(group.get().id());
                }
            }
        }
        if (reasons.isEmpty()) {
            Person person = parsed.people.get(email);
            if (person == null) {
                if (users.findByEmail(email).isPresent()) {
                    reasons.add("Email: a user with this email already exists");
                } else {
                    person = new Person(email, firstName, lastName, type, line);
                    parsed.people.put(email, person);
                }
            } else if (!person.type.equals(type) || !person.firstName.equals(firstName) || !person.lastName.equals(lastName)) {
                reasons.add("the same email on line " + person.firstLine + " has another name or type");
            }
            if (person != null && reasons.isEmpty()) {
                String organizationId = organization.get().id();
                if (person.memberships.stream().anyMatch(m -> m.organizationId().equals(organizationId))) {
                    reasons.add("the same email and organization are already on line " + person.firstLine);
                } else {
                    person.memberships.add(new Membership(organizationId, role, license.get().name(), groupIds));
                }
            }
        }
        reasons.forEach(reason -> parsed.errors.add(new RowError(line, reason)));
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index < 0 || index >= cells.size() || cells.get(index) == null) {
            return "";
        }
        return cells.get(index).trim();
    }

    /** Inserts the checked users; if one insert fails (an email taken meanwhile), removes those already inserted. */
    private List<UserDocument> create(Parsed parsed, String requestBaseUrl, List<InvitationService.Invited> invited) {
        List<UserDocument> created = new ArrayList<>();
        try {
            for (Person person : parsed.people.values()) {
                boolean user = UserDocument.USER.equals(person.type);
                created.add(users.insert(new UserDocument(UUID.randomUUID().toString(), person.email, person.firstName,
                        person.lastName, null, user ? UserStatus.Pending : UserStatus.Active, person.type, false, false,
                        person.memberships, "en", "UTC", clock.instant())));
            }
        } catch (org.springframework.dao.DuplicateKeyException e) {
            created.forEach(u -> users.deleteById(u.id()));
            throw ApiException.conflict("A user of the file was added by someone else meanwhile; no user was imported");
        }
        for (UserDocument user : created) {
            if (UserDocument.USER.equals(user.type())) {
                invited.add(invitations.sendInvitation(user, requestBaseUrl));
            }
        }
        return created;
    }

    /** The template: the columns, lists for the constrained ones, and a sheet that explains them. */
    public byte[] template(Caller caller) {
        if (access.administeredOrganizationIds(caller).isEmpty()) {
            throw ApiException.forbidden("Only administrators of an organization may import users");
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Users");
            XSSFCellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(COLUMNS.get(i));
                header.getCell(i).setCellStyle(bold);
                sheet.setColumnWidth(i, 22 * 256);
            }
            DataValidationHelper validations = sheet.getDataValidationHelper();
            addList(sheet, validations, COLUMNS.indexOf("Type"), UserDocument.USER, UserDocument.RECIPIENT);
            addList(sheet, validations, COLUMNS.indexOf("Role"), Membership.MEMBER, Membership.ADMINISTRATOR);
            addList(sheet, validations, COLUMNS.indexOf("License"), "Creator", "Explorer", "Viewer", "Unlicensed");
            Sheet help = workbook.createSheet("Instructions");
            String[][] lines = {
                {"Column", "Required", "Values"},
                {"Email", "yes", "The user's email address; unique"},
                {"First name", "yes", ""},
                {"Last name", "yes", ""},
                {"Type", "no", "User (signs in; receives an invitation) or Recipient (only receives email). Default User"},
                {"Organization", "yes", "The name or display name of an organization you administer"},
                {"Role", "no", "Member or Administrator. Default Member"},
                {"License", "no", "Creator, Explorer, Viewer or Unlicensed. Default Viewer (Unlicensed for recipients)"},
                {"Groups", "no", "Names of groups of the organization, separated by ';'"},
                {"", "", ""},
                {"One row per user and organization: repeat the email on another row to add the user to another organization.", "", ""},
                {"At most " + MAX_ROWS + " rows and 5 MB. If any row is wrong, nothing is imported and every wrong row is reported.", "", ""},
            };
            for (int r = 0; r < lines.length; r++) {
                Row row = help.createRow(r);
                for (int c = 0; c < lines[r].length; c++) {
                    row.createCell(c).setCellValue(lines[r][c]);
                }
            }
            help.setColumnWidth(0, 20 * 256);
            help.setColumnWidth(2, 90 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addList(Sheet sheet, DataValidationHelper validations, int column, String... values) {
        var validation = validations.createValidation(validations.createExplicitListConstraint(values),
                new CellRangeAddressList(1, MAX_ROWS, column, column));
        validation.setShowErrorBox(true);
        sheet.addValidationData(validation);
    }

}
