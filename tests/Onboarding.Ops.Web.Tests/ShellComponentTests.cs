using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Layout;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The signed-in shell's parts that are markup, not MudBlazor components: the theme's sheets and the user menu.</summary>
public sealed class ShellComponentTests(SharedApp shared) : OpsComponentTest, IClassFixture<SharedApp>
{
    [Fact]
    public async Task ThemeStyles_AreMudBlazorsSheetForEachMode_RenderedOnce()
    {
        var app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" }, new FakeTimeProvider(A.T0));
        var themes = app.Services.GetRequiredService<ThemeStyles>();

        var sheets = await themes.GetAsync();

        Assert.Same(sheets, await themes.GetAsync());
        // The palette of OpsTheme as MudThemeProvider writes it (primary #1f4e8c), and each mode's colour scheme.
        Assert.Contains("--mud-palette-primary: rgba(31,78,140,1);", sheets.Light.Value);
        Assert.Contains("--mud-native-html-color-scheme: light;", sheets.Light.Value);
        Assert.Contains("--mud-native-html-color-scheme: dark;", sheets.Dark.Value);
        Assert.DoesNotContain("--mud-palette-primary: rgba(31,78,140,1);", sheets.Dark.Value);
        Assert.Equal(sheets.Dark, sheets.For(darkMode: true));
        Assert.Equal(sheets.Light, sheets.For(darkMode: false));
    }

    [Fact]
    public void UserMenu_IsAClosedDisclosure_WithTheAccountsPagesAndSignOut()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "rui@ops.example"), new Claim(StaffClaimsFactory.DisplayName, "Rui Reviewer"),
             new Claim(ClaimTypes.Role, StaffRoles.Reviewer), new Claim(ClaimTypes.Role, StaffRoles.Support)], "Test"));

        var menu = Context.Render<UserMenu>(p => p.Add(x => x.User, user));

        var toggle = menu.Find("[data-menu-toggle]");
        var panel = menu.Find("#" + toggle.GetAttribute("aria-controls"));
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.True(panel.HasAttribute("hidden"));
        Assert.Contains("Rui Reviewer", toggle.TextContent);
        Assert.Contains("rui@ops.example", panel.TextContent);
        Assert.Equal("Reviewer, Support", menu.Find("[data-testid=user-roles]").TextContent.Trim());
        Assert.Equal(["Account/Manage/ChangePassword", "Account/Manage/TwoFactor"], panel.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Account/Logout", panel.QuerySelector("form")!.GetAttribute("action"));
        Assert.Equal("Sign out", panel.QuerySelector("form button[type=submit]")!.TextContent.Trim());
        // Opened and closed by the browser: no MudMenu, popover or button component held by the tab.
        Assert.Empty(menu.FindComponents<MudMenu>());
        Assert.Empty(menu.FindComponents<MudButton>());
    }
}
