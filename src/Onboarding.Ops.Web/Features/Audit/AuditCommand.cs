using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Features.Audit;

/// <summary>
/// <c>dotnet run --project src/Onboarding.Ops.Web -- audit …</c>: <c>verify [--expect HASH]</c> checks the whole
/// trail (exit code 1 when it finds a problem), <c>checkpoint</c> seals what was written since the last checkpoint and
/// prints its hash, <c>verify-export FILE.zip</c> checks an examiner export offline, without the database.
/// </summary>
public static class AuditCommand
{
    public static bool Is(string[] args) => args is ["audit", ..];

    /// <summary>What needs no database: checking an export.</summary>
    public static async Task<int?> RunOfflineAsync(string[] args, TextWriter output)
    {
        if (args is not ["audit", "verify-export", var file, ..])
        {
            return null;
        }
        var result = await ExaminerFileCheck.CheckAsync(file);
        foreach (var line in result.Lines)
        {
            await output.WriteLineAsync(line);
        }
        return result.Passed ? 0 : 1;
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output)
    {
        switch (args)
        {
            case ["audit", "verify", ..]:
                var expected = args.SkipWhile(a => a != "--expect").Skip(1).FirstOrDefault();
                var run = await app.Services.GetRequiredService<AuditVerifier>().VerifyAsync("command", expected);
                await output.WriteLineAsync(Summary(run));
                if (!run.Passed)
                {
                    await output.WriteLineAsync(run.Problems);
                }
                return run.Passed ? 0 : 1;
            case ["audit", "checkpoint", ..]:
                var checkpoint = await app.Services.GetRequiredService<AuditJobs>().CheckpointAsync();
                await output.WriteLineAsync(checkpoint is null
                    ? "Nothing was written since the last checkpoint (or another instance is writing one)."
                    : $"Checkpoint {checkpoint.Sequence} sealed {checkpoint.ChainCount} chains through entry {checkpoint.ThroughEntryId}: {checkpoint.Hash}");
                return 0;
            default:
                await output.WriteLineAsync("Usage: audit verify [--expect CHECKPOINT-HASH] | audit checkpoint | audit verify-export FILE.zip");
                return 2;
        }
    }

    public static string Summary(AuditVerificationRun run) =>
        (run.Passed ? "PASSED" : "FAILED") + $": {run.Entries:N0} entries in {run.Chains:N0} chains, {run.Checkpoints:N0} checkpoints"
        + $" (latest {run.CheckpointSequence?.ToString() ?? "none"}{(run.CheckpointHash is { } hash ? ": " + hash : "")}), {run.Unsealed:N0} entries after it,"
        + $" checked in {(run.FinishedAt - run.StartedAt).TotalSeconds:N1} s.";
}
