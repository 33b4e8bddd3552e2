using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Api;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Features.Hosted;

namespace Onboarding.Ops.Web.Tests;

/// <summary>What is kept only for a while goes: idempotency answers after 24 hours, drafts once no link opens them.</summary>
public sealed class HousekeepingTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    // The app's own hourly round runs once at start-up; on a slow machine it ran late enough to delete the abandoned
    // file before the test's sweep counted it. The tests sweep by hand, so the background rounds stop first.
    public Task InitializeAsync() => app.Services.GetRequiredService<Housekeeping>().StopAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private static IdempotencyRecord Answer(string key, DateTimeOffset at) =>
        new() { PartnerId = "nordpay", Key = key, RequestHash = new string('0', 64), CreatedAt = at, StatusCode = 201, Body = [] };

    /// <summary>A hosted customer whose link was issued at the given time, with a draft the end user left.</summary>
    private static (Customer, HostedDraft) LeftDraft(DateTimeOffset linkIssued)
    {
        var customer = A.HostedEmpty();
        customer.IssueVerificationLink(A.Partner, linkIssued, TimeSpan.FromDays(14));
        return (customer, new HostedDraft { CustomerId = customer.Id, Answers = """{"firstName":"Amara"}""", UpdatedAt = linkIssued });
    }

    [Fact]
    public async Task Sweep_DeletesExpiredAnswersAndUnreachableDrafts_AndKeepsTheRest()
    {
        var (live, liveDraft) = LeftDraft(now.AddDays(-3));
        var (expired, expiredDraft) = LeftDraft(now.AddDays(-20));
        await using (var db = Db())
        {
            db.AddRange(Answer("old", now.AddHours(-25)), Answer("fresh", now.AddHours(-1)));
            db.Customers.AddRange(live, expired);
            db.AddRange(liveDraft, expiredDraft);
            await db.SaveChangesAsync();
        }

        var swept = await app.Services.GetRequiredService<Housekeeping>().SweepAsync();

        Assert.Equal((1, 1, 0), swept);
        await using var after = Db();
        Assert.Equal(["fresh"], await after.Set<IdempotencyRecord>().Select(r => r.Key).ToListAsync());
        Assert.Equal([live.Id], await after.Set<HostedDraft>().Select(d => d.CustomerId).ToListAsync());
        Assert.Equal(2, await after.Customers.CountAsync()); // the customers themselves are untouched
    }

    [Fact]
    public async Task Sweep_DeletesOldFilesNothingRefersTo_AndKeepsDocumentsDraftsAndRecentUploads()
    {
        var store = (FolderDocumentStore)app.Services.GetRequiredService<IDocumentStore>();
        async Task<DocumentFile> StoredAsync(string name, int daysAgo)
        {
            var hash = await store.SaveAsync(Specimen.Of(A.Passport(), A.Person() with { FirstName = name }, null));
            File.SetLastWriteTimeUtc(Path.Combine(store.Root, hash[..2], hash), DateTime.UtcNow.AddDays(-daysAgo));
            return new DocumentFile(hash, "image/png", 1, $"{name}.png");
        }
        var ofDocument = await StoredAsync("document", 30);
        var ofDraft = await StoredAsync("draft", 30);
        var abandoned = await StoredAsync("abandoned", 3);
        var justUploaded = await StoredAsync("just-uploaded", 0);
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted,
            "lumen-wallet", Person: A.Person(), Documents: [A.Passport() with { File = ofDocument }]), A.Policy);
        var (hosted, draft) = LeftDraft(now.AddDays(-1));
        draft.Answers = JsonSerializer.Serialize(new HostedAnswers { Front = ofDraft }, JsonSerializerOptions.Web);
        await using (var db = Db())
        {
            db.Customers.AddRange(customer, hosted);
            db.Add(draft);
            await db.SaveChangesAsync();
        }

        var swept = await app.Services.GetRequiredService<Housekeeping>().SweepAsync();

        Assert.Equal(1, swept.Files);
        Assert.Null(await store.ReadAsync(abandoned.Hash));
        foreach (var kept in new[] { ofDocument, ofDraft, justUploaded })
        {
            Assert.NotNull(await store.ReadAsync(kept.Hash));
        }
    }

    [Fact]
    public async Task AFileStoredAgain_CountsItsAgeFromThen()
    {
        var store = (FolderDocumentStore)app.Services.GetRequiredService<IDocumentStore>();
        var content = Specimen.Of(A.Passport(), A.Person(), null);
        var hash = await store.SaveAsync(content);
        File.SetLastWriteTimeUtc(Path.Combine(store.Root, hash[..2], hash), DateTime.UtcNow.AddDays(-30));

        await store.SaveAsync(content); // the same photo sent again; the document that refers to it is not saved yet
        var swept = await app.Services.GetRequiredService<Housekeeping>().SweepAsync();

        Assert.Equal(0, swept.Files);
        Assert.NotNull(await store.ReadAsync(hash));
    }
}
