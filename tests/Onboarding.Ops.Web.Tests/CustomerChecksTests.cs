using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Data;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Customers;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The duplicate check on a real database.</summary>
public sealed class CustomerChecksTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });

    [Fact]
    public async Task Duplicates_AreTheTenWhoCameFirst_WhateverOrderTheyWereSavedIn()
    {
        // Twelve earlier customers with the same person, saved newest first: the database's own order is not theirs.
        var earlier = Enumerable.Range(0, 12).Select(i => A.Pending(at: A.T0.AddHours(i))).Reverse().ToList();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>();
        foreach (var customer in earlier)
        {
            await using var db = contexts.CreateDbContext();
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }
        var newcomer = A.Pending(at: A.T0.AddDays(1));

        await using var check = contexts.CreateDbContext();
        var matches = await CustomerChecks.DuplicatesAsync(check, newcomer);

        Assert.Equal(earlier.OrderBy(c => c.CreatedAt).Take(10).Select(c => c.Id), matches.Select(m => m.CustomerId));
    }
}
