using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Staff;

/// <summary>
/// Staff sign-ins as audit entries (not only log lines): signed in (and with which second factor), failed, refused while
/// locked, locked out, password changed, two-factor set up, removed or given new recovery codes. Each is about the staff
/// account (subject <c>staff_account</c>), so Admin › Staff shows it per person.
/// </summary>
public sealed class StaffSignIns(IDbContextFactory<OpsDbContext> contexts, TimeProvider clock)
{
    public const string SignedIn = "staff_signed_in";
    public const string Failed = "staff_sign_in_failed";
    public const string RefusedLocked = "staff_sign_in_refused_locked";
    public const string LockedOut = "staff_locked_out";
    public const string PasswordChanged = "staff_password_changed";
    public const string TwoFactorEnrolled = "staff_two_factor_enrolled";
    public const string TwoFactorReset = "staff_two_factor_reset";
    public const string RecoveryCodesRenewed = "staff_recovery_codes_renewed";

    /// <summary>The second factors, as the signed-in entry names them.</summary>
    public const string ByAuthenticator = "authenticator";
    public const string ByRecoveryCode = "recovery_code";
    public const string ByRememberedDevice = "remembered_device";

    // A hash of nothing anybody knows: checking a password against it costs what checking a real one costs, so an
    // unknown email answers as slowly as a known one.
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    /// <summary>Spends the time of one password check, for the answers that would otherwise come back at once.</summary>
    public static void SpendAPasswordCheck(IPasswordHasher<StaffUser> hasher, string password) =>
        hasher.VerifyHashedPassword(new StaffUser(), NobodysHash.Value, password);

    /// <summary>One event; <paramref name="user"/> is null for an email no account has (kept as typed, so attempts show).</summary>
    public async Task RecordAsync(StaffUser? user, string typedEmail, string action, string? address, string? secondFactor = null)
    {
        var actor = Actor.Staff(user?.Id ?? "unknown", user?.DisplayName ?? "Unknown account");
        await using var db = await contexts.CreateDbContextAsync();
        db.AuditEntries.Add(AuditEntry.Create(actor, clock.GetUtcNow(), StaffDirectory.AuditSubject, user?.Id ?? "unknown", null, action, null, null,
            note: typedEmail.Length > 256 ? typedEmail[..256] : typedEmail, details: secondFactor is null ? new { address } : new { address, secondFactor }));
        await db.SaveChangesAsync();
    }
}
