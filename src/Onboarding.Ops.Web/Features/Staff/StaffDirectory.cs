using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Staff;

public sealed record StaffMember(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles,
    DateTimeOffset? LockedUntil, bool MustChangePassword, bool TwoFactorEnabled, bool TwoFactorRequired)
{
    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;
}

public sealed record StaffPage(IReadOnlyList<StaffMember> Items, int Total);

public sealed class NewStaffMember
{
    [Required, EmailAddress, StringLength(256)]
    public string Email { get; set; } = "";

    [Required, StringLength(100)]
    public string DisplayName { get; set; } = "";

    public HashSet<string> Roles { get; set; } = [];

    [Required, StringLength(100, MinimumLength = 10)]
    public string InitialPassword { get; set; } = "";
}

/// <summary>The outcome of an admin's change: a plain message when it was refused, nothing changed.</summary>
public sealed record StaffResult(bool Succeeded, string? Error = null)
{
    public static readonly StaffResult Ok = new(true);
    public static StaffResult Refused(string error) => new(false, error);
}

/// <summary>
/// Admin › Staff. Every method checks the Admin policy itself, and each runs in its own scope so no
/// DbContext outlives the operation. The last active admin can be neither demoted nor locked.
/// </summary>
public sealed class StaffDirectory(
    CurrentStaff current, IServiceScopeFactory scopes, IDbContextFactory<OpsDbContext> contexts, TimeProvider clock, TwoFactorPolicy twoFactor)
{
    // Far enough to mean "until an admin unlocks it"; Identity stores lockout as an end date.
    private static readonly DateTimeOffset LockedByAdmin = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The audit subject of everything about a staff account (its changes and its sign-ins).</summary>
    public const string AuditSubject = "staff_account";

    public async Task<StaffPage> ListAsync(string? search, int page, int pageSize)
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }
        var total = await users.CountAsync();
        var rows = await users.OrderBy(u => u.DisplayName).Skip(page * pageSize).Take(pageSize)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.MustChangePassword, u.TwoFactorEnabled,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        return new StaffPage(
            [.. rows.Select(r => new StaffMember(r.Id, r.Email ?? "", r.DisplayName, [.. r.Roles.Order()], r.LockoutEnd, r.MustChangePassword,
                r.TwoFactorEnabled, twoFactor.IsRequiredFor(r.Roles)))],
            total);
    }

    /// <summary>A staff account's trail, newest first: sign-ins, failures, lockouts, password and role changes.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string userId, int take = 100)
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.SubjectType == AuditSubject && e.SubjectId == userId)
            .OrderByDescending(e => e.ChainSequence).Take(take).ToListAsync();
    }

    public async Task<StaffResult> CreateAsync(NewStaffMember input)
    {
        var admin = await current.RequireAsync(Policies.Admin);
        var invalid = Validate(input);
        if (invalid is not null)
        {
            return StaffResult.Refused(invalid);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return StaffResult.Refused($"A staff account with the email {email} already exists.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, input.InitialPassword);
        var result = created.Succeeded ? ToResult(await users.AddToRolesAsync(user, input.Roles)) : Refused(created);
        if (result.Succeeded)
        {
            await RecordAsync(db, admin, "staff_created", user, new { email, roles = input.Roles.Order() });
            await transaction.CommitAsync();
        }
        return result;
    }

    public async Task<StaffResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles)
    {
        var admin = await current.RequireAsync(Policies.Admin);
        if (roles.Count == 0 || roles.Any(r => !StaffRoles.All.Contains(r)))
        {
            return StaffResult.Refused("Choose at least one of the staff roles.");
        }
        return await ChangeAsync(admin, userId, "staff_roles_changed", new { roles = roles.Order() }, async (users, user) =>
        {
            var had = await users.GetRolesAsync(user);
            if (had.Contains(StaffRoles.Admin) && !roles.Contains(StaffRoles.Admin) && await IsLastActiveAdminAsync(users, user))
            {
                return StaffResult.Refused($"{user.DisplayName} is the last active admin: make someone else an admin first.");
            }
            var removed = await users.RemoveFromRolesAsync(user, had.Except(roles));
            if (!removed.Succeeded)
            {
                return Refused(removed);
            }
            var added = await users.AddToRolesAsync(user, roles.Except(had));
            if (!added.Succeeded)
            {
                return Refused(added);
            }
            // Ends the account's current sessions so the new roles take effect at once.
            return ToResult(await users.UpdateSecurityStampAsync(user));
        });
    }

    public async Task<StaffResult> LockAsync(string userId)
    {
        var admin = await current.RequireAsync(Policies.Admin);
        if (admin.StaffId() == userId)
        {
            return StaffResult.Refused("You cannot lock your own account.");
        }
        return await ChangeAsync(admin, userId, "staff_locked", null, async (users, user) =>
        {
            if (await users.IsInRoleAsync(user, StaffRoles.Admin) && await IsLastActiveAdminAsync(users, user))
            {
                return StaffResult.Refused($"{user.DisplayName} is the last active admin and cannot be locked.");
            }
            var locked = await users.SetLockoutEndDateAsync(user, LockedByAdmin);
            return locked.Succeeded ? ToResult(await users.UpdateSecurityStampAsync(user)) : Refused(locked);
        });
    }

    public async Task<StaffResult> UnlockAsync(string userId)
    {
        var admin = await current.RequireAsync(Policies.Admin);
        return await ChangeAsync(admin, userId, "staff_unlocked", null, async (users, user) =>
        {
            var unlocked = await users.SetLockoutEndDateAsync(user, null);
            return unlocked.Succeeded ? ToResult(await users.ResetAccessFailedCountAsync(user)) : Refused(unlocked);
        });
    }

    /// <summary>
    /// For a lost phone: the person's authenticator, recovery codes and remembered devices stop working and their sessions
    /// end; at the next sign-in their password alone lets them in, straight to setting up a new authenticator if required.
    /// </summary>
    public async Task<StaffResult> ResetTwoFactorAsync(string userId)
    {
        var admin = await current.RequireAsync(Policies.Admin);
        return await ChangeAsync(admin, userId, StaffSignIns.TwoFactorReset, null, async (users, user) =>
            user.TwoFactorEnabled
                ? ToResult(await StaffTwoFactor.RemoveAsync(users, user))
                : StaffResult.Refused($"{user.DisplayName} has no authenticator set up."));
    }

    /// <summary>
    /// Runs a change in one transaction so that two admins acting at once cannot, between them, remove the last admin:
    /// SQLite lets one writer in; the other's stale read fails and is told to reload.
    /// </summary>
    private async Task<StaffResult> ChangeAsync(
        ClaimsPrincipal admin, string userId, string action, object? details,
        Func<UserManager<StaffUser>, StaffUser, Task<StaffResult>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return StaffResult.Refused("That staff account no longer exists.");
        }
        StaffResult result;
        try
        {
            result = await change(users, user);
        }
        catch (DbUpdateException)
        {
            return StaffResult.Refused("Someone else changed staff accounts at the same moment: reload and try again.");
        }
        if (result.Succeeded)
        {
            await RecordAsync(db, admin, action, user, details);
            await transaction.CommitAsync();
        }
        return result;
    }

    /// <summary>Staff account changes join the audit trail, in the same transaction as the change.</summary>
    private async Task RecordAsync(OpsDbContext db, ClaimsPrincipal admin, string action, StaffUser subject, object? details)
    {
        db.AuditEntries.Add(AuditEntry.Create(admin.ToActor(), clock.GetUtcNow(), AuditSubject, subject.Id, null, action,
            null, null, note: subject.Email, details: details));
        await db.SaveChangesAsync();
    }

    private async Task<bool> IsLastActiveAdminAsync(UserManager<StaffUser> users, StaffUser user)
    {
        var now = clock.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return !admins.Any(a => a.Id != user.Id && !(a.LockoutEnd > now));
    }

    private static string? Validate(NewStaffMember input)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true))
        {
            return errors[0].ErrorMessage;
        }
        if (input.Roles.Count == 0 || input.Roles.Any(r => !StaffRoles.All.Contains(r)))
        {
            return "Choose at least one of the staff roles.";
        }
        return null;
    }

    private static StaffResult ToResult(IdentityResult result) => result.Succeeded ? StaffResult.Ok : Refused(result);

    private static StaffResult Refused(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? StaffResult.Refused("Someone else changed this account at the same moment: reload and try again.")
            : StaffResult.Refused(string.Join(" ", result.Errors.Select(e => e.Description)));
}
