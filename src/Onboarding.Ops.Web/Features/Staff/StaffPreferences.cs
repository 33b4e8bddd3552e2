using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Staff;

/// <summary>The signed-in user's own settings (for now the theme), stored on their account.</summary>
public sealed class StaffPreferences(CurrentStaff current, IDbContextFactory<OpsDbContext> contexts)
{
    public async Task<bool> PrefersDarkModeAsync()
    {
        var id = (await current.RequireAsync(Policies.Staff)).StaffId();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == id).Select(u => u.PrefersDarkMode).SingleOrDefaultAsync();
    }

    public async Task SetDarkModeAsync(bool dark)
    {
        var id = (await current.RequireAsync(Policies.Staff)).StaffId();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkMode, dark));
    }
}
