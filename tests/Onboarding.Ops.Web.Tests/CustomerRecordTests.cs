using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;

namespace Onboarding.Ops.Web.Tests;

public sealed class CustomerRecordTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private OpsDbContext Db() => fixture.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private Task<T> AsSupport<T>(Func<CustomerRecord, Task<T>> read) => fixture.App.RunAsAsync(OpsAppFactory.Support, read);

    [Fact]
    public async Task Get_UnknownId_IsNull() => Assert.Null(await AsSupport(r => r.GetAsync(Guid.NewGuid())));

    [Fact]
    public async Task Get_AsSupport_ExplainsWhyEachReviewerActionIsUnavailable()
    {
        Guid id;
        await using (var db = Db())
        {
            id = await db.Customers.Where(c => c.Status == CustomerStatus.Pending && c.SubmittedAt != null).Select(c => c.Id).FirstAsync();
        }

        var view = (await AsSupport(r => r.GetAsync(id)))!;

        Assert.NotEmpty(view.Blockers);
        Assert.Equal("Approve is unavailable: only a reviewer can do this.", view.Actions.Single(a => a.Action == CustomerAction.Approve).WhyNot);
        Assert.NotEmpty(view.Requirements);
    }

    [Fact]
    public async Task History_OfManyEntries_PagesNewestFirstWithoutGapsOrRepeats()
    {
        var customer = A.Approvable();
        for (var i = 0; i < 60; i++)
        {
            customer.PutOnHold(A.Reviewer, A.T0.AddHours(2 + i * 2), $"Check {i}", null);
            customer.Release(A.Reviewer, A.T0.AddHours(3 + i * 2), $"Done {i}");
        }
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        var pages = new List<HistoryPage>();
        HistoryCursor? cursor = null;
        do
        {
            var page = await AsSupport(r => r.HistoryAsync(customer.Id, cursor));
            pages.Add(page);
            cursor = page.Older;
        }
        while (cursor is not null);

        var entries = pages.SelectMany(p => p.Entries).ToList();
        Assert.Equal([50, 50, 22], pages.Select(p => p.Entries.Count));
        Assert.Equal(122, entries.Select(e => e.Id).Distinct().Count());
        Assert.Equal(entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Id), entries.Select(e => e.Id));
        Assert.Equal("created", entries[^1].Action);
    }
}
