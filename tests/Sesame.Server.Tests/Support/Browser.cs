using System.Net;
using System.Text.RegularExpressions;

namespace Sesame.Server.Tests.Support;

/// <summary>
/// Uses the server the way a browser without JavaScript does: GET a page, then submit its form with the
/// antiforgery token the page carried. Redirects are not followed, so tests see where they lead.
/// </summary>
public sealed partial class Browser(HttpClient client) : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    private string? _token;

    public HttpClient Client => client;

    public async Task<Page> GetAsync(string url)
    {
        var response = await client.GetAsync(url);
        var page = await Page.ReadAsync(response);
        _token = AntiforgeryToken().Match(page.Html) is { Success: true } m ? m.Groups[1].Value : _token;
        return page;
    }

    /// <summary>Submits a form of the last page read (or of <paramref name="from"/> first).</summary>
    public async Task<Page> PostAsync(string url, IReadOnlyDictionary<string, string> fields, string? from = null)
    {
        if (from is not null || _token is null)
        {
            await GetAsync(from ?? url);
        }

        var form = new Dictionary<string, string>(fields) { ["__af"] = _token! };
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
        var page = await Page.ReadAsync(response);
        _token = AntiforgeryToken().Match(page.Html) is { Success: true } m ? m.Groups[1].Value : _token;
        return page;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed record Page(HttpStatusCode Status, string Html, Uri? Location, HttpResponseMessage Response)
{
    public static async Task<Page> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location, response);

    /// <summary>Where a redirect leads, as a local path and query.</summary>
    public string? Target => Location is null ? null : Location.IsAbsoluteUri ? Location.PathAndQuery : Location.OriginalString;

    /// <summary>The page's text with tags removed and entities decoded, to compare with what a person reads.</summary>
    public string Text => WebUtility.HtmlDecode(Regex.Replace(Html, "<[^>]+>", " "));
}
