using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Onboarding.Ops.Web.Components.Shared;

/// <summary>
/// MudButton's look for a plain <c>&lt;button&gt;</c> in its parent's markup, which keeps the element, its handler and its
/// label: <c>&lt;button class="@Button.Of(Variant.Filled, Color.Primary)"&gt;&lt;span class="mud-button-label"&gt;…</c>.
/// A MudButton with an icon is two components held by every open tab, for one button.
/// </summary>
public static class Button
{
    private static readonly ConcurrentDictionary<(Variant, Color, Size), string> Classes = new();
    private static readonly ConcurrentDictionary<(string, bool, Size), MarkupString> Icons = new();

    /// <summary>MudButton's classes for a variant, colour and size (made once each, shared by every tab).</summary>
    public static string Of(Variant variant = Variant.Text, Color color = Color.Default, Size size = Size.Medium) =>
        Classes.GetOrAdd((variant, color, size), key =>
        {
            var (kind, tone, scale) = (Css(key.Item1), Css(key.Item2), Css(key.Item3));
            return $"mud-button-root mud-button mud-button-{kind} mud-button-{kind}-{tone} mud-button-{kind}-size-{scale} mud-ripple";
        });

    /// <summary>The icon before the label (or after it, <paramref name="end"/>), as MudButton's StartIcon and EndIcon.</summary>
    public static MarkupString Icon(string icon, bool end = false, Size size = Size.Medium) =>
        Icons.GetOrAdd((icon, end, size), key => new(
            $"""<span class="mud-button-icon-{(key.Item2 ? "end" : "start")} mud-button-icon-size-{Css(key.Item3)}">{Glyph.Of(key.Item1, size: Css(key.Item3))}</span>"""));

    private static string Css(Enum value) => value.ToString().ToLowerInvariant();
}
