using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Audit;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// The tamper-evident trail on a real database: entries chained per subject as they are saved, checkpoints, and the
/// verifier naming what someone with write access to the database did behind the application (triggers out of the way).
/// </summary>
public sealed class AuditChainTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private Task<AuditVerificationRun> VerifyAsync(string? expect = null) =>
        app.Services.GetRequiredService<AuditVerifier>().VerifyAsync("test", expect);

    private Task<AuditCheckpoint?> CheckpointAsync() => app.Services.GetRequiredService<AuditJobs>().CheckpointAsync();

    /// <summary>A customer with a few entries in its chain: created, then held and released by a reviewer.</summary>
    private async Task<Customer> CustomerWithHistoryAsync()
    {
        var customer = A.Pending();
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }
        foreach (var step in new Action<Customer>[]
        {
            c => c.PutOnHold(A.Reviewer, A.T0.AddHours(1), "Waiting for the compliance lead", null),
            c => c.Release(A.Reviewer, A.T0.AddHours(2), "Lead agreed"),
        })
        {
            await using var db = Db();
            var loaded = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            step(loaded);
            await db.SaveChangesAsync();
        }
        return customer;
    }

    private async Task<List<AuditEntry>> ChainOfAsync(Guid customerId)
    {
        await using var db = Db();
        return await db.AuditEntries.AsNoTracking().Where(e => e.SubjectType == Customer.SubjectType && e.SubjectId == customerId.ToString())
            .OrderBy(e => e.ChainSequence).ToListAsync();
    }

    /// <summary>What an attacker with the database does: SQL straight at the tables, the refusing triggers out of the way.</summary>
    private async Task TamperAsync(string sql)
    {
        await using var db = Db();
        var statements = TestDatabase.OnPostgres
            ? $"SET session_replication_role = replica; {sql}; SET session_replication_role = DEFAULT;"
            : $"""
              DROP TRIGGER IF EXISTS AuditEntries_NoUpdate; DROP TRIGGER IF EXISTS AuditEntries_NoDelete;
              DROP TRIGGER IF EXISTS AuditCheckpoints_NoUpdate; DROP TRIGGER IF EXISTS AuditCheckpointHeads_NoUpdate;
              {sql};
              """;
        await db.Database.ExecuteSqlRawAsync(statements);
    }

    [Fact]
    public async Task SavedEntries_AreChainedPerSubject_AndTheTrailVerifiesClean()
    {
        var customer = await CustomerWithHistoryAsync();

        var chain = await ChainOfAsync(customer.Id);

        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long?)i), chain.Select(e => e.ChainSequence));
        Assert.Null(chain[0].PreviousHash);
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.All(chain, e => Assert.Equal(e.ComputeHash(), e.Hash));
        Assert.NotNull(await CheckpointAsync());
        var run = await VerifyAsync();
        Assert.True(run.Passed, run.Problems);
        Assert.Equal(0, run.Unsealed);
    }

    [Fact]
    public async Task EditingAnEntry_IsNamed()
    {
        var customer = await CustomerWithHistoryAsync();
        var held = (await ChainOfAsync(customer.Id)).Single(e => e.Action == "put_on_hold");

        await TamperAsync($"""UPDATE "AuditEntries" SET "ActorName" = 'Someone else', "Note" = 'nothing to see' WHERE "Id" = {held.Id}""");

        var run = await VerifyAsync();
        Assert.False(run.Passed);
        Assert.StartsWith($"Entry #{held.Id} ", run.Problems);
        Assert.Contains("was changed after it was written", run.Problems);
    }

    [Fact]
    public async Task DeletingAnEntry_IsNamed_InTheMiddleByTheNextEntry_AtTheEndByTheCheckpoint()
    {
        var customer = await CustomerWithHistoryAsync();
        await CheckpointAsync();
        var chain = await ChainOfAsync(customer.Id);
        var (middle, last) = (chain[^2], chain[^1]);

        await TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Id" IN ({middle.Id}, {last.Id})""");

        var problems = (await VerifyAsync()).Problems!;
        Assert.Contains($"place {last.ChainSequence} of customer {customer.Id}, sealed by checkpoint", problems);
        Assert.Contains("is missing (deleted)", problems);

        // The middle alone: the entry after it names the gap.
        var other = await CustomerWithHistoryAsync();
        var otherChain = await ChainOfAsync(other.Id);
        await TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {otherChain[1].Id}""");
        Assert.Contains($"Entry #{otherChain[2].Id} (customer {other.Id}, place 3) follows place 1 (entry #{otherChain[0].Id}): the entry at place 2 is missing (deleted).",
            (await VerifyAsync()).Problems);
    }

    [Fact]
    public async Task InsertedEntries_AreNamed_WithoutAHash_WithAMadeUpHash_AndWithACorrectHashBehindACheckpoint()
    {
        var customer = await CustomerWithHistoryAsync();
        var chain = await ChainOfAsync(customer.Id);
        await CheckpointAsync();
        var stamp = TestDatabase.OnPostgres ? "TIMESTAMPTZ '2026-01-01 00:00:00+00'" : "'2026-01-01 00:00:00.0000000'";

        // A naive forgery: no hash at all.
        await TamperAsync($"""
            INSERT INTO "AuditEntries" ("At", "ActorKind", "ActorId", "ActorName", "SubjectType", "SubjectId", "CustomerId", "Action", "ReasonCodes")
            SELECT {stamp}, 'Staff', 'x', 'Forger', 'customer', "SubjectId", "CustomerId", 'approved', '[]' FROM "AuditEntries" WHERE "Id" = {chain[0].Id}
            """);
        var noHash = await Db().AuditEntries.MaxAsync(e => e.Id);
        // A careful one: the next place, its hash computed by our own canonical form, slipped in under an id below the
        // checkpoint's (a negative one: no entry has it).
        var last = chain[^1];
        var next = AuditEntry.Create(Actor.Staff("x", "Forger"), last.At, last.SubjectType, last.SubjectId, last.CustomerId, "approved", "pending", "active");
        next.Chain(last.ChainSequence!.Value + 1, last.Hash);
        await TamperAsync($"""
            INSERT INTO "AuditEntries" ("Id", "At", "ActorKind", "ActorId", "ActorName", "SubjectType", "SubjectId", "CustomerId", "Action", "StatusBefore", "StatusAfter", "ReasonCodes", "ChainSequence", "PreviousHash", "Hash")
            SELECT -1, "At", 'Staff', 'x', 'Forger', "SubjectType", "SubjectId", "CustomerId", 'approved', 'pending', 'active', '[]', {next.ChainSequence}, '{next.PreviousHash}', '{next.Hash}'
            FROM "AuditEntries" WHERE "Id" = {last.Id}
            """);

        var problems = (await VerifyAsync()).Problems!;
        Assert.Contains($"Entry #{noHash} (customer {customer.Id}, approved) has no hash", problems);
        Assert.Contains($"Entry #-1 (customer {customer.Id}, place {next.ChainSequence}) is older than checkpoint", problems);
        Assert.Contains("no checkpoint sealed it (inserted later)", problems);
    }

    [Fact]
    public async Task ReorderedEntries_AreNamed()
    {
        var customer = await CustomerWithHistoryAsync();
        var chain = await ChainOfAsync(customer.Id);
        var (a, b) = (chain[1], chain[2]);

        await TamperAsync($"""
            UPDATE "AuditEntries" SET "ChainSequence" = -1 WHERE "Id" = {a.Id};
            UPDATE "AuditEntries" SET "ChainSequence" = {a.ChainSequence} WHERE "Id" = {b.Id};
            UPDATE "AuditEntries" SET "ChainSequence" = {b.ChainSequence} WHERE "Id" = {a.Id};
            """);

        var problems = (await VerifyAsync()).Problems!;
        Assert.Contains($"Entry #{b.Id} (customer {customer.Id}, place {a.ChainSequence}) does not follow the entry before it", problems);
        Assert.Contains($"Entry #{a.Id} (customer {customer.Id}, place {b.ChainSequence}", problems);
    }

    [Fact]
    public async Task ARewrittenCheckpoint_AndAKeptHashNoCheckpointHas_AreNamed()
    {
        await CustomerWithHistoryAsync();
        var checkpoint = await CheckpointAsync();
        Assert.True((await VerifyAsync(checkpoint!.Hash)).Passed);

        await TamperAsync($"""UPDATE "AuditCheckpoints" SET "ThroughEntryId" = "ThroughEntryId" - 1 WHERE "Sequence" = {checkpoint.Sequence}""");

        var problems = (await VerifyAsync(new string('a', 64))).Problems!;
        Assert.Contains($"Checkpoint {checkpoint.Sequence} (", problems);
        Assert.Contains("No checkpoint has the hash kept outside the database", problems);
    }

    [Fact]
    public async Task AFailedVerification_IsKept_Logged_AndInTheTrail()
    {
        var customer = await CustomerWithHistoryAsync();
        var first = (await ChainOfAsync(customer.Id))[0];
        await TamperAsync($"""UPDATE "AuditEntries" SET "Note" = 'rewritten' WHERE "Id" = {first.Id}""");

        var run = await VerifyAsync();

        await using var db = Db();
        Assert.Equal(run.Id, await db.Set<AuditVerificationRun>().OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync());
        Assert.Contains(app.Errors, e => e.Contains("Audit verification failed"));
        var alarm = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal(("audit", "audit_verification_failed"), (alarm.SubjectType, alarm.Action));
        Assert.StartsWith($"Entry #{first.Id} ", alarm.Note);
        app.ClearErrors();
    }

    [Fact]
    public async Task SavesOnOneChainAtOnce_AllLand_InOrder()
    {
        var customer = await CustomerWithHistoryAsync();

        // Ten exports at once: ten writers on one chain (the queue exports').
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            await using var db = Db();
            db.AuditEntries.Add(AuditEntry.Create(A.Reviewer, DateTimeOffset.UtcNow, "export", "customers", customer.Id, "queue_exported", null, null, note: $"#{i}"));
            await db.SaveChangesAsync();
        }));

        await using var check = Db();
        var places = await check.AuditEntries.Where(e => e.SubjectType == "export" && e.SubjectId == "customers").Select(e => e.ChainSequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long?)i), places.Order());
        Assert.True((await VerifyAsync()).Passed);
    }

    [Fact]
    public async Task EntriesWrittenBeforeTheChains_AreChainedOnce_ByTheUpgrade()
    {
        await CustomerWithHistoryAsync();
        var stamp = TestDatabase.OnPostgres ? "TIMESTAMPTZ '2026-01-01 00:00:00+00'" : "'2026-01-01 00:00:00.0000000'";
        // Entries as an older version wrote them: no place, no hash (the database lets an unchained entry be chained once).
        await using (var db = Db())
        {
            for (var i = 0; i < 3; i++)
            {
                var insert = $"""
                    INSERT INTO "AuditEntries" ("At", "ActorKind", "ActorId", "ActorName", "SubjectType", "SubjectId", "CustomerId", "Action", "ReasonCodes", "Note")
                    VALUES ({stamp}, 'System', 'system', 'System', 'legacy', 'one', NULL, 'legacy_{i}', '[]', 'written before the chains')
                    """;
                await db.Database.ExecuteSqlRawAsync(insert);
            }
        }

        await using (var db = Db())
        {
            Assert.Equal(3, await AuditChaining.ChainUnchainedAsync(db));
            Assert.Equal(0, await AuditChaining.ChainUnchainedAsync(db));
            var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Note" = 'again' WHERE "SubjectType" = 'legacy'"""));
            Assert.Contains("cannot be changed", update.Message);
        }
        Assert.True((await VerifyAsync()).Passed);
        Assert.Equal([1L, 2, 3], (await Db().AuditEntries.Where(e => e.SubjectType == "legacy").OrderBy(e => e.Id).Select(e => e.ChainSequence).ToListAsync()).Select(s => s!.Value));
    }
}
