using Onboarding.Ops.Data;
using Microsoft.AspNetCore.Identity;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Staff;

/// <summary>
/// Roles always exist. In Development every role gets a demo account (listed in the README);
/// elsewhere the first admin comes from configuration and no demo account is ever made.
/// </summary>
public static class StaffSeeder
{
    public const string DemoPassword = "Demo-Passw0rd!";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> DemoStaff =
    [
        ("admin@demo.onboarding-ops.test", "Ada Admin", StaffRoles.Admin),
        ("reviewer@demo.onboarding-ops.test", "Rui Reviewer", StaffRoles.Reviewer),
        ("support@demo.onboarding-ops.test", "Sana Support", StaffRoles.Support),
        ("approver@demo.onboarding-ops.test", "Pablo Approver", StaffRoles.ProductApprover),
        ("compliance@demo.onboarding-ops.test", "Cora Compliance", StaffRoles.Compliance),
        // Four eyes needs a second of each: the one who confirms what the first staged.
        ("reviewer2@demo.onboarding-ops.test", "Rhea Reviewer", StaffRoles.Reviewer),
        ("approver2@demo.onboarding-ops.test", "Priya Approver", StaffRoles.ProductApprover),
    ];

    public static async Task SeedAsync(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var users = services.GetRequiredService<UserManager<StaffUser>>();
        if (environment.IsDevelopment())
        {
            foreach (var (email, name, role) in DemoStaff)
            {
                await EnsureUserAsync(users, email, name, role, DemoPassword, mustChangePassword: false);
            }
            return;
        }

        if ((await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count > 0)
        {
            return;
        }
        var adminEmail = Required(configuration, "FirstAdmin:Email");
        var adminPassword = Required(configuration, "FirstAdmin:Password");
        await EnsureUserAsync(users, adminEmail, "Administrator", StaffRoles.Admin, adminPassword, mustChangePassword: true);
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Setting '{key}' is missing: no admin account exists yet, so the first one is created from FirstAdmin:Email and FirstAdmin:Password.");

    private static async Task EnsureUserAsync(
        UserManager<StaffUser> users, string email, string name, string role, string password, bool mustChangePassword)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            MustChangePassword = mustChangePassword,
        };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), email);
    }

    private static void Check(IdentityResult result, string subject)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create '{subject}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
