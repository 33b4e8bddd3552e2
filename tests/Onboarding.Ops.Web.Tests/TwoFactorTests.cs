using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Staff;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Two-factor sign-in driven through the real pages, with codes computed from the key the page shows.</summary>
public sealed class TwoFactorTests(SharedApp shared) : IClassFixture<SharedApp>
{
    // Reviewers must use it; Support may.
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { [TwoFactorPolicy.RequiredRolesKey] = StaffRoles.Reviewer });

    private async Task<StaffUser> UserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!;
    }

    private async Task<List<(string Action, string Details)>> TrailAsync(string email)
    {
        var id = (await UserAsync(email)).Id;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync();
        var entries = await db.AuditEntries.Where(e => e.SubjectType == StaffDirectory.AuditSubject && e.SubjectId == id)
            .OrderBy(e => e.Id).ToListAsync();
        return entries.Select(e => (e.Action, e.Details ?? "")).ToList();
    }

    /// <summary>A reviewer with an authenticator set up, signed out again; the key their app holds.</summary>
    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolledReviewerAsync()
    {
        using var client = await app.SignedInClientAsync(OpsAppFactory.Reviewer);
        return await client.EnrolAuthenticatorAsync();
    }

    // A code from the next 30-second step: the app accepts it, and it is not the one the enrolment just used.
    private static string NextCode(string key) => Signing.Totp(key, DateTime.UtcNow.AddSeconds(30));

    [Fact]
    public async Task RequiredRole_WithoutAuthenticator_IsSentToEnrolment_AndCanDoNothingElse()
    {
        using var reviewer = await app.SignedInClientAsync(OpsAppFactory.Reviewer);
        using var support = await app.SignedInClientAsync(OpsAppFactory.Support);

        foreach (var path in new[] { "/", "/customers" })
        {
            var refused = await reviewer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/Account/Manage/EnableAuthenticator", refused.RedirectPath());
        }
        var enrolment = await reviewer.GetStringAsync("/Account/Manage/EnableAuthenticator");
        Assert.Contains("data-testid=\"authenticator-qr\"", enrolment);
        Assert.Contains("<svg", enrolment);
        Assert.Matches("data-testid=\"authenticator-key\">([a-z2-7]{4} )+[a-z2-7]{1,4}<", enrolment);
        Assert.Contains("Your role signs in with a second factor", enrolment);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Enrol_WrongCodeIsRefused_RightCodeTurnsItOn_ShowsRecoveryCodesOnce_AndIsAudited()
    {
        using var client = await app.SignedInClientAsync(OpsAppFactory.Reviewer);

        var wrong = await client.PostFormAsync("/Account/Manage/EnableAuthenticator", "enable-authenticator", new() { ["Input.Code"] = "000000" });
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        Assert.False((await UserAsync(OpsAppFactory.Reviewer)).TwoFactorEnabled);

        var (_, codes) = await client.EnrolAuthenticatorAsync();

        Assert.Equal(StaffTwoFactor.RecoveryCodeCount, codes.Distinct().Count());
        Assert.True((await UserAsync(OpsAppFactory.Reviewer)).TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        var again = await client.GetStringAsync("/Account/Manage/EnableAuthenticator");
        Assert.Contains("already on", again);
        Assert.DoesNotContain(codes[0], again);
        Assert.Contains(StaffSignIns.TwoFactorEnrolled, (await TrailAsync(OpsAppFactory.Reviewer)).Select(e => e.Action));
    }

    [Fact]
    public async Task SignIn_WithTwoFactorOn_AsksForTheCode_RefusesAWrongOne_AndSignsInWithTheRightOne()
    {
        var (key, _) = await EnrolledReviewerAsync();
        using var client = app.AnonymousClient();

        var password = await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        Assert.Equal("/Account/LoginWith2fa", password.RedirectPath());
        // The password alone is not a session.
        Assert.Equal("/Account/Login", (await client.GetAsync("/customers")).RedirectPath());

        var wrong = await client.PostSecondFactorAsync("123456");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());

        var right = await client.PostSecondFactorAsync(NextCode(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        var trail = (await TrailAsync(OpsAppFactory.Reviewer)).TakeLast(2).ToList();
        Assert.Equal([StaffSignIns.Failed, StaffSignIns.SignedIn], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Contains($"\"secondFactor\":\"{StaffSignIns.ByAuthenticator}\"", e.Details));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_WithOrWithoutItsDash()
    {
        var (_, codes) = await EnrolledReviewerAsync();
        using var first = app.AnonymousClient();
        using var second = app.AnonymousClient();
        using var third = app.AnonymousClient();

        await first.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var used = await first.PostSecondFactorAsync(codes[0].ToLowerInvariant().Replace("-", ""));
        await second.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var reused = await second.PostSecondFactorAsync(codes[0]);
        await third.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        var another = await third.PostSecondFactorAsync(codes[1]);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Contains("already used", await reused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, another.StatusCode);
        Assert.Contains($"\"secondFactor\":\"{StaffSignIns.ByRecoveryCode}\"", (await TrailAsync(OpsAppFactory.Reviewer)).Last().Details);
    }

    [Fact]
    public async Task RememberDevice_SkipsTheCodeAtTheNextSignIn_UntilTheDeviceIsForgotten()
    {
        var (key, _) = await EnrolledReviewerAsync();
        using var client = app.AnonymousClient();
        await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await client.PostSecondFactorAsync(NextCode(key), rememberDevice: true);
        await client.SignOutAsync();

        var remembered = await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);

        Assert.Equal("/", remembered.RedirectPath());
        Assert.Contains($"\"secondFactor\":\"{StaffSignIns.ByRememberedDevice}\"", (await TrailAsync(OpsAppFactory.Reviewer)).Last().Details);
        await client.PostFormAsync("/Account/Manage/TwoFactor", "forget-device", []);
        await client.SignOutAsync();
        Assert.Equal("/Account/LoginWith2fa", (await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword)).RedirectPath());
    }

    [Fact]
    public async Task AdminReset_IsAudited_EndsTheOldKey_AndTheRequiredUserMustEnrolAgain()
    {
        var (key, _) = await EnrolledReviewerAsync();
        var reviewer = await UserAsync(OpsAppFactory.Reviewer);

        var reset = await app.RunAsAsync<StaffDirectory, StaffResult>(OpsAppFactory.Admin, d => d.ResetTwoFactorAsync(reviewer.Id));
        var again = await app.RunAsAsync<StaffDirectory, StaffResult>(OpsAppFactory.Admin, d => d.ResetTwoFactorAsync(reviewer.Id));

        Assert.True(reset.Succeeded, reset.Error);
        Assert.False(again.Succeeded);
        Assert.Contains("no authenticator", again.Error);
        using var client = app.AnonymousClient();
        // The password alone signs in again, straight into enrolment, with a key the old phone does not have.
        Assert.Equal("/", (await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword)).RedirectPath());
        Assert.Equal("/Account/Manage/EnableAuthenticator", (await client.GetAsync("/")).RedirectPath());
        var (newKey, _) = await client.EnrolAuthenticatorAsync();
        Assert.NotEqual(key, newKey);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var audit = await db.AuditEntries.Where(e => e.Action == StaffSignIns.TwoFactorReset).SingleAsync();
        Assert.Equal("Ada Admin", audit.ActorName);
    }

    [Fact]
    public async Task AnyRole_MayEnrol_AndTurnItOffWhenNotRequired()
    {
        using var support = await app.SignedInClientAsync(OpsAppFactory.Support);

        await support.EnrolAuthenticatorAsync();
        Assert.Contains("Two-factor sign-in is on", await support.GetStringAsync("/Account/Manage/TwoFactor"));
        var off = await support.PostFormAsync("/Account/Manage/TwoFactor", "remove-authenticator", []);

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await UserAsync(OpsAppFactory.Support)).TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/")).StatusCode);
        Assert.Equal([StaffSignIns.SignedIn, StaffSignIns.TwoFactorEnrolled, StaffSignIns.TwoFactorReset],
            (await TrailAsync(OpsAppFactory.Support)).Select(e => e.Action));
    }

    [Fact]
    public async Task RecoveryCodes_Renewed_OldOnesStopWorking()
    {
        var (key, codes) = await EnrolledReviewerAsync();
        using var client = app.AnonymousClient();
        await client.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await client.PostSecondFactorAsync(NextCode(key));

        var renewed = await client.PostFormAsync("/Account/Manage/TwoFactor", "renew-codes", []);
        Assert.Contains("data-testid=\"recovery-codes\"", await renewed.Content.ReadAsStringAsync());
        using var other = app.AnonymousClient();
        await other.PostLoginAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);

        Assert.Contains("already used", await (await other.PostSecondFactorAsync(codes[0])).Content.ReadAsStringAsync());
        Assert.Contains(StaffSignIns.RecoveryCodesRenewed, (await TrailAsync(OpsAppFactory.Reviewer)).Select(e => e.Action));
    }

    [Theory]
    [InlineData("Development", null, "")]
    [InlineData("Production", null, "Admin,ProductApprover,Reviewer")]
    [InlineData("Production", "", "")]
    [InlineData("Development", " Support , Admin", "Admin,Support")]
    public void Policy_DefaultsToTheDecidingRolesOutsideDevelopment(string environment, string? setting, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { [TwoFactorPolicy.RequiredRolesKey] = setting }).Build();

        var policy = TwoFactorPolicy.From(configuration, environment == "Development");

        Assert.Equal(expected, string.Join(",", policy.RequiredRoles.Order()));
    }
}
