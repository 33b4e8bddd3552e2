using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Onboarding.Ops.Web.Components.Shared;

/// <summary>
/// A small chip that only shows a label, drawn as MudChip draws it, in its parent's render (a MudChip is a component
/// held by every open tab, for a word).
/// </summary>
public static class Chip
{
    // One class string per look, shared: a string made at each render is kept by every open tab's render tree.
    private static readonly ConcurrentDictionary<(Color, bool), string> Classes = new();

    public static RenderFragment Of(string text, Color color = Color.Default, bool filled = false, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", Classes.GetOrAdd((color, filled), look =>
            $"mud-chip {(look.Item2 ? "mud-chip-filled" : "mud-chip-outlined")} mud-chip-size-small mud-chip-color-{look.Item1.ToString().ToLowerInvariant()}"));
        builder.AddAttribute(2, "data-testid", testId);
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "mud-chip-content");
        builder.AddContent(5, text);
        builder.CloseElement();
        builder.CloseElement();
    };
}
