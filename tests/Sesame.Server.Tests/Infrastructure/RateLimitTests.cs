using System.Net;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Infrastructure;

/// <summary>quality.md "sign-in": per-address limits on sign-in, code entry and account creation (20 by default).</summary>
[Collection(ServerCollection.Name)]
public sealed class RateLimitTests(ServerFixture server)
{
    [Fact]
    public async Task Sign_in_submissions_are_limited_per_address()
    {
        await AssertLimitedAsync("/", "/", Journeys.Credentials("", ""));
    }

    [Fact]
    public async Task Account_creations_are_limited_per_address()
    {
        await AssertLimitedAsync("/creer-compte", "/creer-compte", Journeys.Registration("abc", "pas-une-adresse"));
    }

    [Fact]
    public async Task Code_entries_are_limited_per_address()
    {
        var (username, email) = ServerFixture.NewPerson();
        var address = Sesame.Testing.SesameHost.RandomAddress();
        using var browser = new Browser(server.Host.NewClient(address));
        var created = await browser.PostAsync("/creer-compte", Journeys.Registration(username, email), from: "/creer-compte");
        Assert.Equal("/creer-compte/confirmer", created.Target);

        await browser.GetAsync("/creer-compte/confirmer");
        Page page = null!;
        for (var i = 0; i <= 20; i++)
        {
            page = await browser.PostAsync("/creer-compte/confirmer", new Dictionary<string, string> { ["Input.Code"] = "12" });
        }

        AssertRefused(page);
        await server.Mail.WaitForAsync(email);
    }

    private async Task AssertLimitedAsync(string form, string action, IReadOnlyDictionary<string, string> fields)
    {
        var address = Sesame.Testing.SesameHost.RandomAddress();
        using var browser = server.NewBrowser(address);
        await browser.GetAsync(form);
        Page page = null!;
        for (var i = 0; i <= 20; i++)
        {
            page = await browser.PostAsync(action, fields);
        }

        AssertRefused(page);

        // Reading the page stays possible, and another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(form)).Status);
        using var someoneElse = server.NewBrowser();
        Assert.Equal(HttpStatusCode.BadRequest, (await someoneElse.PostAsync(action, fields, from: form)).Status);
    }

    private static void AssertRefused(Page page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.True(page.Response.Headers.Contains("Retry-After"));
        Assert.Contains("Trop de demandes ont été faites depuis votre adresse", page.Text, StringComparison.Ordinal);
    }
}
