using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Onboarding.Ops.Web.Components.Layout;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Hosting;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

public sealed class NavMenuTests : OpsComponentTest
{
    [Theory]
    [InlineData(StaffRoles.Admin, "Overview,Customers,Access requests,Reports,Audit trail,Admin,Staff,Partners,Reference data,Screening lists")]
    [InlineData(StaffRoles.Reviewer, "Overview,Customers")]
    [InlineData(StaffRoles.Support, "Overview,Customers")]
    [InlineData(StaffRoles.ProductApprover, "Overview,Access requests")]
    [InlineData(StaffRoles.Compliance, "Overview,Customers,Reports,Audit trail")]
    public void Render_ForRole_ShowsOnlyTheSectionsItsPoliciesAllow(string role, string expected)
    {
        SignInAs(role);

        var menu = Context.Render<NavMenu>();

        var entries = menu.FindAll(".mud-nav-link-text, .mud-nav-group .mud-nav-link .mud-nav-link-text, button.mud-nav-link .mud-nav-link-text")
            .Select(e => e.TextContent.Trim()).Distinct();
        Assert.Equal(expected.Split(','), entries);
    }

    [Theory]
    [InlineData("/", "Overview")]
    [InlineData("/customers?view=all", "Customers")]
    [InlineData("/customers/5f0c7a52-3b7e-4a43-9d61-1f6a3a7c2f10", "Customers")]
    [InlineData("/admin/partners", "Partners")]
    public void Render_MarksTheSectionOfTheCurrentPage(string url, string current)
    {
        SignInAs(StaffRoles.Admin);
        Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(url);

        var menu = Context.Render<NavMenu>();

        var marked = menu.FindAll("a[aria-current=page]");
        Assert.Equal([current], marked.Select(a => a.TextContent.Trim()));
        Assert.Contains("active", marked[0].ClassList);
    }
}

/// <summary>
/// The shared bUnit base: MudBlazor services, loose JS interop, and the app's real authorization policies
/// over a signed-in principal with the given roles.
/// </summary>
public abstract class OpsComponentTest : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();
    private readonly FixedAuthenticationState authentication = new();

    protected OpsComponentTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddAuthorizationCore(Policies.Configure);
        // bUnit pre-registers placeholders; the real services make the real policies decide.
        Context.Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Context.Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Context.Services.AddCascadingAuthenticationState();
        Context.Services.AddSingleton<AuthenticationStateProvider>(authentication);
    }

    /// <summary>Wires the feature services to a running app's SQLite database, for components that read through them.</summary>
    protected void UseDatabaseOf(OpsAppFactory app)
    {
        Context.Services.AddSingleton(app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>());
        Context.Services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        Context.Services.AddOpsDomain(app.Services.GetRequiredService<IConfiguration>());
        Context.Services.AddScoped<CurrentStaff>();
        Context.Services.AddScoped<CustomerQueue>();
        Context.Services.AddScoped<SavedViews>();
        Context.Services.AddScoped<Features.AccessRequests.AccessRequestQueue>();
        Context.Services.AddScoped<Features.Overview.OverviewFigures>();
        Context.Services.AddScoped<CustomerRecord>();
        Context.Services.AddScoped<CustomerDecisions>();
        Context.Services.AddSingleton(app.Services.GetRequiredService<CustomerActivity>());
        Context.Services.AddScoped<Features.AccessRequests.AccessDecisions>();
        Context.Services.AddScoped<Features.Webhooks.WebhookLog>();
        Context.Services.AddScoped<Features.Hosted.VerificationLinks>();
        Context.Services.AddScoped<Features.FourEyes.SecondReviews>();
        Context.Services.AddScoped<Reveals>();
    }

    protected void SignInAs(params string[] roles) => authentication.User = new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "staff@ops.example"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
        authenticationType: "Test"));

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only (STACK.md).
    public async Task DisposeAsync() => await Context.DisposeAsync();

    private sealed class FixedAuthenticationState : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = new(new ClaimsIdentity());

        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(User));
    }
}
