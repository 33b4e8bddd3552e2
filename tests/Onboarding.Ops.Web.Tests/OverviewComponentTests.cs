using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Pages;
using Onboarding.Ops.Web.Components.Shared;
using Onboarding.Ops.Web.Features.Overview;
using Onboarding.Ops.Web.Features.Reports;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The dashboard and the reports as components: what each role is shown, and every number a link to its list.</summary>
public sealed class OverviewComponentTests(SharedApp shared) : OpsComponentTest, IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start();

    private IRenderedComponent<T> RenderPage<T>(string role, string url) where T : IComponent
    {
        UseDatabaseOf(app);
        Context.Services.AddScoped<OpsReports>();
        Context.Services.AddSingleton<ReportTallies>();
        SignInAs(role);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Context.Render<T>();
    }

    [Theory]
    [InlineData(StaffRoles.Reviewer, "my-cases,review-depth")]
    [InlineData(StaffRoles.Support, "review-depth")]
    [InlineData(StaffRoles.ProductApprover, "access-depth")]
    [InlineData(StaffRoles.Admin, "my-cases,review-depth,access-depth,partner-health")]
    public void Overview_ShowsEachRoleWhatItWorks(string role, string cards)
    {
        var page = RenderPage<Home>(role, "/");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=review-depth], [data-testid=access-depth]")), TimeSpan.FromSeconds(10));
        var shown = new[] { "my-cases", "review-depth", "access-depth", "partner-health" }.Where(id => page.FindAll($"[data-testid={id}]").Count > 0);
        Assert.Equal(cards.Split(','), shown);
    }

    [Fact]
    public async Task Overview_ReviewQueue_IsTheFiguresOfTheQueue_EachALinkToItsView()
    {
        var expected = await app.RunAsAsync<OverviewFigures, QueueDepth>(OpsAppFactory.Support, f => f.ReviewQueueAsync());

        var page = RenderPage<Home>(StaffRoles.Support, "/");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=review-depth] a.ops-figure")), TimeSpan.FromSeconds(10));
        var figures = page.FindAll("[data-testid=review-depth] a.ops-figure")
            .Select(a => (Label: a.GetAttribute("data-figure")!, Count: a.QuerySelector(".ops-figure-count")!.TextContent, Href: a.GetAttribute("href")!)).ToList();
        Assert.Equal(new[] { expected.Total, expected.Overdue }.Concat(expected.ByAge).Select(f => (f.Label, f.Count.ToString("N0"), f.Href)), figures);
        Assert.All(figures, f => Assert.StartsWith("customers", f.Href));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(3, true)]
    public void AFigureThatShouldBeZero_IsAnAlarmOnlyWhenItIsNot(int overdue, bool alarm)
    {
        var depth = new QueueDepth("Needs review", new Figure("Waiting for review", 5, "customers"),
            [new Figure("0–4 h", 5, "customers?age=0-4h")], new Figure("Past their SLA", overdue, "customers?sla=overdue"));

        var card = Context.Render<QueueDepthCard>(p => p.Add(x => x.Depth, depth));

        Assert.Equal(alarm, card.Find("[data-figure='Past their SLA']").ClassList.Contains("ops-figure-alarm"));
        Assert.False(card.Find("[data-figure='Waiting for review']").ClassList.Contains("ops-figure-alarm"));
        Assert.Equal("customers?age=0-4h", card.Find("[data-figure='0–4 h']").GetAttribute("href"));
    }

    [Fact]
    public void Reports_ShowEveryTable_WithItsCsvLink_ForThePeriodInTheAddress()
    {
        var page = RenderPage<Reports>(StaffRoles.Admin, "/reports?from=2026-11-01&to=2026-11-07");

        page.WaitForAssertion(() => Assert.Equal(OpsReports.Keys, page.FindAll("[data-report]").Select(r => r.GetAttribute("data-report"))), TimeSpan.FromSeconds(10));
        Assert.Equal(7, page.FindAll("[data-report=decisions] tbody tr").Count);
        Assert.Equal("2026-11-01", page.Find("[data-report=decisions] tbody tr td").TextContent);
        Assert.All(OpsReports.Keys, key => Assert.Equal(ReportExport.UrlOf(key, new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7))),
            page.Find($"[data-report={key}] a.ops-download").GetAttribute("href")));
    }
}
