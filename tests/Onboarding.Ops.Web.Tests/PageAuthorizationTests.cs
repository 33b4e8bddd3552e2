using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Tests;

public sealed class PageAuthorizationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Every staff page and the roles that may open it. A new page must be added here, or the coverage test fails.</summary>
    private static readonly Dictionary<string, string[]> AllowedRolesByRoute = new()
    {
        ["/"] = ["Admin", "Reviewer", "Support", "ProductApprover", "Compliance"],
        ["/customers"] = ["Admin", "Reviewer", "Support", "Compliance"],
        ["/customers/{Id:guid}"] = ["Admin", "Reviewer", "Support", "ProductApprover", "Compliance"],
        ["/access-requests"] = ["Admin", "ProductApprover"],
        ["/access-requests/{Id:guid}"] = ["Admin", "ProductApprover"],
        ["/admin/staff"] = ["Admin"],
        ["/admin/partners"] = ["Admin"],
        ["/admin/reference-data"] = ["Admin"],
        ["/admin/screening"] = ["Admin"],
        ["/reports"] = ["Admin", "Compliance"],
        ["/admin/audit"] = ["Admin", "Compliance"],
    };

    public static TheoryData<string, string> RouteAndRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in AllowedRolesByRoute.Keys)
        {
            foreach (var role in OpsAppFactory.DemoEmailByRole.Keys)
            {
                data.Add(route, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RouteAndRole))]
    public async Task Get_PageAsRole_IsServedOnlyWhenThePolicyAllows(string route, string role)
    {
        using var client = await fixture.App.SignedInClientAsync(OpsAppFactory.DemoEmailByRole[role]);

        var response = await client.GetAsync(await UrlOfAsync(route));

        if (AllowedRolesByRoute[route].Contains(role))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [MemberData(nameof(AnonymousRoutes))]
    public async Task Get_PageWhenSignedOut_RedirectsToLogin(string route)
    {
        using var client = fixture.App.AnonymousClient();

        var response = await client.GetAsync(await UrlOfAsync(route));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    /// <summary>A real URL for a route template: a demo customer's id where the route takes one.</summary>
    private async Task<string> UrlOfAsync(string route)
    {
        if (!route.Contains("{Id:guid}"))
        {
            return route;
        }
        await using var db = fixture.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var id = route.StartsWith("/access-requests", StringComparison.Ordinal)
            ? await db.AccessRequests.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync()
            : await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        return route.Replace("{Id:guid}", id.ToString());
    }

    public static TheoryData<string> AnonymousRoutes() => [.. AllowedRolesByRoute.Keys];

    [Fact]
    public void Table_CoversEveryStaffPageOfTheApp()
    {
        var staffRoutes = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .Where(p => !p.Template.StartsWith("/Account", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(AllowedRolesByRoute.Keys.Order(), staffRoutes.Select(p => p.Template).Order());
        Assert.All(staffRoutes, p => Assert.NotNull(p.Type.GetCustomAttribute<AuthorizeAttribute>()));
    }
}
