using Microsoft.AspNetCore.Http;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>One console page: its path under /console, what GET shows and what its POST actions do.</summary>
internal interface IConsolePage
{
    /// <summary>The page's path, e.g. <c>/console/channels</c>; actions are posted to <c>{Path}/{action}</c>.</summary>
    string Path { get; }

    /// <summary>The page's title.</summary>
    string Title { get; }

    /// <summary>The page body (markup; every value encoded).</summary>
    Task<string> RenderAsync(ConsoleRequest request);

    /// <summary>Runs action <paramref name="action"/>; returns the notice for the next page, or null when there is no such action.</summary>
    Task<string?> PostAsync(ConsoleRequest request, string action, IFormCollection form);
}
