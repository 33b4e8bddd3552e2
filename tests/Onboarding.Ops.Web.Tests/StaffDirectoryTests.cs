using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Staff;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

public sealed class StaffDirectoryTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start();

    private static NewStaffMember NewReviewer(string email = "mei.tanaka@ops.example") => new()
    {
        Email = email,
        DisplayName = "Mei Tanaka",
        Roles = [StaffRoles.Reviewer],
        InitialPassword = "Initial-Pass123!",
    };

    private Task<StaffResult> AsAdmin(Func<StaffDirectory, Task<StaffResult>> action) =>
        app.RunAsAsync(OpsAppFactory.Admin, action);

    private async Task<string> IdOf(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id;
    }

    [Fact]
    public async Task Create_AsAdmin_AccountMustChangePasswordAtFirstSignIn()
    {
        var result = await AsAdmin(d => d.CreateAsync(NewReviewer()));

        Assert.True(result.Succeeded, result.Error);
        using var client = await app.SignedInClientAsync("mei.tanaka@ops.example", "Initial-Pass123!");
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/Manage/ChangePassword", home.RedirectPath());
    }

    [Fact]
    public async Task Changes_AreAuditedWithTheAdminAsActor_AndRefusalsAreNot()
    {
        var adminId = await IdOf(OpsAppFactory.Admin);
        await AsAdmin(d => d.CreateAsync(NewReviewer()));
        var meiId = await IdOf("mei.tanaka@ops.example");
        await AsAdmin(d => d.LockAsync(meiId));
        await AsAdmin(d => d.SetRolesAsync(adminId, [StaffRoles.Reviewer])); // refused: last admin

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var entries = await db.AuditEntries.Where(e => e.SubjectType == "staff_account").OrderBy(e => e.Id).ToListAsync();

        Assert.Equal(["staff_created", "staff_locked"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("Ada Admin", meiId), (e.ActorName, e.SubjectId)));
        Assert.Contains("reviewer", entries[0].Details, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_ExistingEmail_IsRefusedWithAMessage()
    {
        var result = await AsAdmin(d => d.CreateAsync(NewReviewer(OpsAppFactory.Support)));

        Assert.False(result.Succeeded);
        Assert.Contains("already exists", result.Error);
    }

    [Fact]
    public async Task Create_WithoutRole_IsRefusedAndCreatesNothing()
    {
        var input = NewReviewer();
        input.Roles.Clear();

        var result = await AsAdmin(d => d.CreateAsync(input));

        Assert.Equal("Choose at least one of the staff roles.", result.Error);
        var page = await app.RunAsAsync<StaffDirectory, StaffPage>(OpsAppFactory.Admin, d => d.ListAsync("tanaka", 0, 10));
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Create_WeakPassword_IsRefusedWithIdentitysReason()
    {
        var input = NewReviewer();
        input.InitialPassword = "aaaaaaaaaaaa";

        var result = await AsAdmin(d => d.CreateAsync(input));

        Assert.False(result.Succeeded);
        Assert.Contains("uppercase", result.Error);
    }

    [Fact]
    public async Task SetRoles_RemovingAdminFromTheLastAdmin_IsRefused()
    {
        var adminId = await IdOf(OpsAppFactory.Admin);

        var result = await AsAdmin(d => d.SetRolesAsync(adminId, [StaffRoles.Reviewer]));

        Assert.False(result.Succeeded);
        Assert.Contains("last active admin", result.Error);
        var admin = await app.RunAsAsync<StaffDirectory, StaffPage>(OpsAppFactory.Admin, d => d.ListAsync("admin@", 0, 10));
        Assert.Equal([StaffRoles.Admin], admin.Items.Single().Roles);
    }

    [Fact]
    public async Task SetRoles_AdminWhenAnotherAdminExists_Succeeds()
    {
        var supportId = await IdOf(OpsAppFactory.Support);
        var adminId = await IdOf(OpsAppFactory.Admin);
        Assert.True((await AsAdmin(d => d.SetRolesAsync(supportId, [StaffRoles.Support, StaffRoles.Admin]))).Succeeded);

        var result = await AsAdmin(d => d.SetRolesAsync(adminId, [StaffRoles.Reviewer]));

        Assert.True(result.Succeeded, result.Error);
        var page = await app.RunAsAsync<StaffDirectory, StaffPage>(OpsAppFactory.Support, d => d.ListAsync(null, 0, 10));
        Assert.Equal([StaffRoles.Reviewer], page.Items.Single(m => m.Id == adminId).Roles);
    }

    [Fact]
    public async Task Lock_OwnAccount_IsRefused()
    {
        var adminId = await IdOf(OpsAppFactory.Admin);

        var result = await AsAdmin(d => d.LockAsync(adminId));

        Assert.Equal("You cannot lock your own account.", result.Error);
    }

    [Fact]
    public async Task History_ShowsAPersonsSignInsLockAndUnlock_ToAdminsOnly()
    {
        var reviewerId = await IdOf(OpsAppFactory.Reviewer);
        using var client = app.AnonymousClient();
        await client.PostLoginAsync(OpsAppFactory.Reviewer, "not-the-password");
        await AsAdmin(d => d.LockAsync(reviewerId));
        await AsAdmin(d => d.UnlockAsync(reviewerId));
        await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);

        var history = await app.RunAsAsync<StaffDirectory, IReadOnlyList<Domain.Audit.AuditEntry>>(OpsAppFactory.Admin, d => d.HistoryAsync(reviewerId));

        Assert.Equal(["staff_signed_in", "staff_unlocked", "staff_locked", "staff_sign_in_failed"], history.Select(e => e.Action));
        await Assert.ThrowsAsync<StaffForbiddenException>(() => app.RunAsAsync<StaffDirectory, IReadOnlyList<Domain.Audit.AuditEntry>>(
            OpsAppFactory.Reviewer, d => d.HistoryAsync(reviewerId)));
    }

    [Fact]
    public async Task Lock_ThenUnlock_BlocksAndRestoresSignIn()
    {
        var reviewerId = await IdOf(OpsAppFactory.Reviewer);

        Assert.True((await AsAdmin(d => d.LockAsync(reviewerId))).Succeeded);
        using var locked = app.AnonymousClient();
        var refused = await locked.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the sign-in page again, with the one message for every failure
        Assert.Contains("or the account is locked", await refused.Content.ReadAsStringAsync());

        Assert.True((await AsAdmin(d => d.UnlockAsync(reviewerId))).Succeeded);
        using var unlocked = await app.SignedInClientAsync(OpsAppFactory.Reviewer);
        Assert.Equal(HttpStatusCode.OK, (await unlocked.GetAsync("/customers")).StatusCode);
    }

    public static TheoryData<string, string> NonAdminAndAction()
    {
        var data = new TheoryData<string, string>();
        foreach (var email in new[] { OpsAppFactory.Reviewer, OpsAppFactory.Support, OpsAppFactory.ProductApprover })
        {
            foreach (var action in new[] { "list", "create", "roles", "lock", "unlock", "reset two-factor" })
            {
                data.Add(email, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NonAdminAndAction))]
    public async Task AnyAction_AsNonAdmin_IsRefusedOnTheServer(string email, string action)
    {
        var supportId = await IdOf(OpsAppFactory.Support);

        await Assert.ThrowsAsync<StaffForbiddenException>(() => app.RunAsAsync<StaffDirectory, object>(email, async d => action switch
        {
            "list" => await d.ListAsync(null, 0, 10),
            "create" => await d.CreateAsync(NewReviewer()),
            "roles" => await d.SetRolesAsync(supportId, [StaffRoles.Admin]),
            "lock" => await d.LockAsync(supportId),
            "unlock" => await d.UnlockAsync(supportId),
            _ => await d.ResetTwoFactorAsync(supportId),
        }));

        var page = await app.RunAsAsync<StaffDirectory, StaffPage>(OpsAppFactory.Admin, d => d.ListAsync(null, 0, 10));
        Assert.Equal(StaffSeeder.DemoStaff.Count, page.Total);
        Assert.Equal([StaffRoles.Support], page.Items.Single(m => m.Id == supportId).Roles);
    }
}
