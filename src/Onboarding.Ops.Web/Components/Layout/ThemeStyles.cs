using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Onboarding.Ops.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme stylesheet (the palette, type and shadows of <see cref="OpsTheme"/> as CSS variables), rendered by
/// MudThemeProvider itself once per mode and shared by every tab. As a component in the layout, MudThemeProvider built the
/// same 24 KB of CSS in every circuit and kept it, with a hundred colour objects, for the circuit's life; it also had the
/// browser watch the system's dark mode, which the back office does not follow (staff choose theirs).
/// </summary>
public sealed class ThemeStyles(IServiceScopeFactory scopes, ILoggerFactory logging)
{
    public sealed record Sheets(MarkupString Light, MarkupString Dark)
    {
        public MarkupString For(bool darkMode) => darkMode ? Dark : Light;
    }

    private readonly Lazy<Task<Sheets>> rendered = new(() => RenderAsync(scopes, logging));

    /// <summary>Both modes' sheets; rendered on the first call, then at once.</summary>
    public Task<Sheets> GetAsync() => rendered.Value;

    private static async Task<Sheets> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory logging)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logging);
        return new(await RenderAsync(renderer, darkMode: false), await RenderAsync(renderer, darkMode: true));
    }

    private static Task<MarkupString> RenderAsync(HtmlRenderer renderer, bool darkMode) => renderer.Dispatcher.InvokeAsync(async () =>
    {
        var sheet = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = OpsTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = darkMode,
            [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
        }));
        return new MarkupString(sheet.ToHtmlString());
    });
}
