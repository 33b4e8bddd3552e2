using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Ops.Domain.Audit;

namespace Onboarding.Ops.Domain.Tests.Transcripts;

/// <summary>
/// The domain's answers written out as plain text (refusals, blockers, check findings, audit entries) and compared with
/// a reviewed copy in <c>Approved/</c>. Every word a reviewer, partner or end user reads is pinned this way, so a changed
/// refusal or a blocker that lost its sentence fails a test. When wording changes on purpose, the test leaves
/// <c>name.received.txt</c> beside the approved file: read the diff, then move it over the approved one.
/// </summary>
public sealed partial class Transcript
{
    private readonly StringBuilder text = new();
    private readonly Dictionary<Guid, string> ids = [];

    public void Heading(string title) => text.Append('\n').Append("## ").AppendLine(title);

    public void Line(string line) => text.AppendLine(line);

    /// <summary>Runs a step and writes what came of it: the audit entries it recorded, or the refusal.</summary>
    public void Try(string step, Audited? subject, Action act)
    {
        subject?.TakeNewAuditEntries();
        try
        {
            act();
            Line($"{step} -> done");
            foreach (var entry in subject?.TakeNewAuditEntries() ?? [])
            {
                Entry(entry);
            }
        }
        catch (DomainRuleException refused)
        {
            Line($"{step} -> refused: {refused.Message}");
            if (subject?.TakeNewAuditEntries() is { Count: > 0 } leaked)
            {
                Line($"   !! {leaked.Count} audit entries recorded by a refused step");
            }
        }
    }

    public void Entry(AuditEntry e) =>
        Line($"   audit {e.Action} by {e.ActorName} ({e.ActorKind}) {e.StatusBefore ?? "-"} -> {e.StatusAfter ?? "-"}"
            + (e.ReasonCodes.Count > 0 ? $" reasons [{string.Join(", ", e.ReasonCodes)}]" : "")
            + (e.Note is null ? "" : $" note \"{e.Note}\"")
            + (e.Details is null ? "" : $" details {e.Details}"));

    /// <summary>Compares with <c>Approved/{name}.approved.txt</c>; ids are numbered in order of appearance so runs compare.</summary>
    public void Verify(string name, [CallerFilePath] string here = "")
    {
        var actual = SecretPattern().Replace(GuidPattern().Replace(text.ToString(), m => Id(Guid.Parse(m.Value))), "$1<random>")
            .ReplaceLineEndings("\n");
        var folder = Path.Combine(Path.GetDirectoryName(here)!, "Approved");
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        var expectedLines = approved.Split('\n');
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
        Assert.Fail($"{name} differs from the approved transcript at line {first + 1}:\n"
            + $"  approved: {(first < expectedLines.Length ? expectedLines[first] : "(end)")}\n"
            + $"  now:      {(first < actualLines.Length ? actualLines[first] : "(end)")}\n"
            + $"The whole answer is in {receivedPath}.");
    }

    private string Id(Guid id) => ids.TryGetValue(id, out var name) ? name : ids[id] = $"<id{ids.Count + 1}>";

    // API keys and webhook secrets are random: their prefixes are kept, the rest is not compared.
    [GeneratedRegex("(ops_|whsec_)[A-Za-z0-9_-]+")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
