using System.Reflection;
using NetArchTest.Rules;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// The folders of the app depend on each other in one direction only: no cycle, however long. Each folder is a node
/// (each feature its own); an edge is a type of one using a type of another, read from the compiled code.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly Domain = typeof(Onboarding.Ops.Domain.Actor).Assembly;

    /// <summary>The app's folders: a namespace and everything under it, except the features, which are one node each.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Folders(Assembly assembly, string root)
    {
        var types = Types.InAssembly(assembly).GetTypes().Where(t => t.Namespace?.StartsWith(root, StringComparison.Ordinal) == true);
        return types.GroupBy(t => FolderOf(t.Namespace!, root))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(t => t.FullName!)]);
    }

    private static string FolderOf(string ns, string root)
    {
        var parts = ns[root.Length..].TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "(root)" : parts[0] == "Features" && parts.Length > 1 ? $"Features.{parts[1]}" : parts[0];
    }

    /// <summary>Which folder uses which, and through which types.</summary>
    public static Dictionary<(string From, string To), IReadOnlyList<string>> Edges(Assembly assembly, string root)
    {
        var folders = Folders(assembly, root);
        var edges = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var (from, _) in folders)
        {
            foreach (var (to, targets) in folders.Where(f => f.Key != from))
            {
                var result = Types.InAssembly(assembly).That().ResideInNamespaceMatching(Pattern(from, root))
                    .ShouldNot().HaveDependencyOnAny([.. targets]).GetResult();
                if (!result.IsSuccessful)
                {
                    edges[(from, to)] = [.. result.FailingTypeNames ?? []];
                }
            }
        }
        return edges;
    }

    /// <summary>The folder's namespace and those under it; the root and Features hold other nodes, so only their own.</summary>
    private static string Pattern(string folder, string root)
    {
        var ns = System.Text.RegularExpressions.Regex.Escape(folder == "(root)" ? root : $"{root}.{folder}");
        return folder is "(root)" or "Features" ? $"^{ns}$" : $"^{ns}(\\..*)?$";
    }

    /// <summary>The groups of folders that reach each other (Tarjan's strongly connected components of two or more).</summary>
    public static List<List<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order().ToList();
        var (index, low, onStack, stack, cycles, counter) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new HashSet<string>(), new Stack<string>(), new List<List<string>>(), 0);
        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in next.GetValueOrDefault(node, []))
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }
            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    cycles.Add([.. group.Order()]);
                }
            }
        }
        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }
        return cycles;
    }

    private static readonly Lazy<Dictionary<(string From, string To), IReadOnlyList<string>>> WebEdges = new(() => Edges(Web, "Onboarding.Ops.Web"));

    [Fact]
    public void TheAppsFolders_DependOnEachOtherWithoutACycle()
    {
        var edges = WebEdges.Value;

        var cycles = Cycles(edges.Keys);

        Assert.True(cycles.Count == 0, "Folders that depend on each other in a cycle:\n" + string.Join("\n", cycles.Select(cycle =>
            string.Join(" ⇄ ", cycle) + "\n" + string.Join("\n", edges.Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
                .Select(e => $"    {e.Key.From} → {e.Key.To}: {string.Join(", ", e.Value.Take(3))}")))));
    }

    [Fact]
    public void Persistence_IsAnAssemblyOfItsOwn_KnowingOnlyTheDomain()
    {
        var ours = typeof(OpsDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Onboarding.", StringComparison.Ordinal));

        Assert.Equal(["Onboarding.Ops.Domain"], ours);
    }

    [Fact]
    public void TheDomain_UsesNoPackageAndNoOtherProject()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard");

        Assert.Empty(references);
    }

    [Fact]
    public void Cycles_AreFound_InAChainOfThree()
    {
        Assert.Equal([["A", "B", "C"]], Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]));
        Assert.Empty(Cycles([("A", "B"), ("B", "C"), ("A", "C")]));
    }
}
