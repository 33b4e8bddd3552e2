using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace Onboarding.Ops.Web.Components.Shared;

public static class CarriedMessage
{
    /// <summary>
    /// Opens another page and says the message there ("Access granted." on the next case): leaving a page clears its
    /// messages (MainLayout), so the message is added once the new address is in place.
    /// </summary>
    public static void NavigateAndSay(this NavigationManager navigation, ISnackbar snackbar, string href, string? message)
    {
        if (message is not null)
        {
            void Say(object? sender, LocationChangedEventArgs e)
            {
                navigation.LocationChanged -= Say;
                snackbar.Add(message, Severity.Success);
            }
            navigation.LocationChanged += Say;
        }
        navigation.NavigateTo(href);
    }
}
