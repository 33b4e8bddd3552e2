using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Onboarding.Ops.Web.Components.Shared;

/// <summary>
/// A Material icon drawn as markup in its parent's render, as MudIcon draws it. A page that shows dozens of icons (the
/// actions' list, the blockers) would otherwise hold a component each, some 5 KB of server memory per icon per tab.
/// </summary>
public static class Glyph
{
    private static readonly ConcurrentDictionary<(string Icon, string Class, string Size), MarkupString> Drawn = new();

    /// <param name="icon">One of MudBlazor's <c>Icons.Material…</c> paths.</param>
    /// <param name="classes">MudBlazor's colour class (<c>mud-success-text</c>, <c>mud-primary-text</c>…), empty to inherit.</param>
    /// <param name="size">MudBlazor's icon size: <c>small</c>, <c>medium</c>, <c>large</c>.</param>
    public static MarkupString Of(string icon, string classes = "", string size = "small") => Drawn.GetOrAdd((icon, classes, size), key => new(
        $"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-{key.Size} {key.Class}" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{key.Icon}</svg>"""));
}
