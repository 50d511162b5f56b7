package org.qalyptus.server.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.user.UserRequests.AddUser;
import org.qalyptus.server.user.UserRequests.InviteUsers;
import org.qalyptus.server.user.UserRequests.TransferRequest;
import org.qalyptus.server.user.UserRequests.UpdateUser;
import org.qalyptus.server.user.UserViews.UserView;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Users")
class UserController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final UserService users;
    private final InvitationService invitations;
    private final UserImportService imports;
    private final UserViews views;

    UserController(UserService users, InvitationService invitations, UserImportService imports, UserViews views) {
        this.users = users;
        this.invitations = invitations;
        this.imports = imports;
        this.views = views;
    }

    private UserView view(Caller caller, UserDocument user) {
        return views.forCaller(caller).apply(user);
    }

    @Operation(summary = "Add user (a recipient, added to the organizations and their 'All users' group)")
    @PostMapping("/api/v1/users")
    ApiResponse<UserView> add(Caller caller, @RequestBody AddUser request) {
        return ApiResponse.ok(view(caller, users.add(caller, request)));
    }

    @Operation(summary = "Get users")
    @GetMapping("/api/v1/users")
    ApiResponse<List<UserView>> list(Caller caller) {
        return ApiResponse.ok(views.all(caller, users.list(caller)));
    }

    @Operation(summary = "Update user: {type, value} with type status, organizations, groups, organizationRoles, license or tenantAdminRole")
    @PutMapping("/api/v1/users/{id}")
    ApiResponse<UserView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateUser request) {
        return ApiResponse.ok(view(caller, users.update(caller, id.toString(), request)));
    }

    @Operation(summary = "Get user")
    @GetMapping("/api/v1/users/{id}")
    ApiResponse<UserView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(view(caller, users.get(caller, id.toString())));
    }

    @Operation(summary = "Delete user (not oneself, not the tenant owner, not while owning content)")
    @DeleteMapping("/api/v1/users/{id}")
    ApiResponse<Void> delete(Caller caller, @PathVariable UUID id) {
        users.delete(caller, id.toString());
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Delete users (all or none)")
    @DeleteMapping("/api/v1/users")
    ApiResponse<Void> deleteAll(Caller caller, @RequestBody @NotNull List<@NotNull UUID> ids) {
        users.deleteAll(caller, ids.stream().map(UUID::toString).toList());
        return ApiResponse.ok(null);
    }

    @Operation(summary = "Add users from Excel (.xlsx, .xlsm or .xls, multipart part 'file', at most 5 MB and 10,000 rows)")
    @PostMapping("/api/v1/users/import")
    ApiResponse<UserImportService.ImportResult> importUsers(Caller caller, HttpServletRequest request) {
        if (!(request instanceof MultipartHttpServletRequest multipart) || multipart.getFile("file") == null) {
            throw ApiException.invalid("file", "send the workbook as multipart/form-data in a part named 'file'");
        }
        MultipartFile file = multipart.getFile("file");
        List<InvitationService.Invited> invited = new ArrayList<>();
        List<UserDocument> created;
        try {
            created = imports.importUsers(caller,
                    new UserImportService.Upload(file.getOriginalFilename(), file.getSize(), file.getInputStream()),
                    baseUrl(), invited);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean mail = invitations.mailConfigured() || invited.stream().anyMatch(InvitationService.Invited::emailSent);
        String message = created.size() + " user(s) imported. " + (invited.isEmpty() ? ""
                : mail ? "Invitations were sent by email."
                : "No SMTP server is configured (spring.mail.host): no invitation email was sent; pass the links on.");
        return ApiResponse.ok(new UserImportService.ImportResult(created.size(), views.all(caller, created), invited,
                mail && invited.stream().anyMatch(InvitationService.Invited::emailSent), message.trim()));
    }

    @Operation(summary = "Transfer user content and authorizations")
    @PostMapping("/api/v1/users/{id}/transfer")
    ApiResponse<UserService.TransferResult> transfer(Caller caller, @PathVariable UUID id,
            @RequestBody TransferRequest request) {
        return ApiResponse.ok(users.transfer(caller, id.toString(), request));
    }

    @Operation(summary = "Download import users template")
    @GetMapping("/api/v1/users/import/template")
    ResponseEntity<byte[]> template(Caller caller) {
        byte[] workbook = imports.template(caller);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("users-import-template.xlsx").build().toString())
                .body(workbook);
    }

    @Operation(summary = "Invite users by email")
    @PostMapping("/api/v1/users/invite")
    ApiResponse<InvitationService.InvitationResult> invite(Caller caller, @RequestBody InviteUsers request) {
        return ApiResponse.ok(invitations.invite(caller, request, baseUrl()));
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

}
