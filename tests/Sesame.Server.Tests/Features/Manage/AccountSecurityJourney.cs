using System.Net;
using System.Text.RegularExpressions;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Features.Manage;

/// <summary>Steps of the account-security tests: set up an authenticator app, read what a page shows.</summary>
public static partial class AccountSecurityJourney
{
    /// <summary>Sets up an authenticator app from the factors page; returns its key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAuthenticatorAsync(Browser browser)
    {
        var setup = await browser.PostAsync("/compte/facteurs?handler=SetupAuthenticator", Browser.NoFields, from: "/compte/facteurs");
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        var key = AuthenticatorKey().Match(setup.Html).Groups[1].Value;
        Assert.NotEmpty(key);
        var confirmed = await browser.PostAsync("/compte/facteurs?handler=ConfirmAuthenticator", new Dictionary<string, string> { ["Code"] = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)) });
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("Votre application d'authentification est activée.", confirmed.Text, StringComparison.Ordinal);
        var codes = RecoveryCode().Matches(confirmed.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    /// <summary>The hidden value of a form field on a page.</summary>
    public static string Hidden(Page page, string name) =>
        Regex.Match(page.Html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<code id=\"authenticator-key\">([^<]+)</code>")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
