using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Infrastructure;

[Collection(ServerCollection.Name)]
public sealed partial class LanguageTests(ServerFixture server)
{
    [Fact]
    public async Task Pages_open_in_French_whatever_the_browser_asks()
    {
        using var browser = server.NewBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var page = await browser.GetAsync("/");
        Assert.Contains("<html lang=\"fr\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("Se connecter", page.Text, StringComparison.Ordinal);
        Assert.Contains(">English<", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_on_a_page_without_form_returns_to_the_same_page_in_English()
    {
        using var browser = server.NewBrowser();
        var switched = await browser.GetAsync("/langue?culture=en&retour=%2Faccessibilite");
        Assert.Equal("/accessibilite", switched.Target);
        var page = await browser.GetAsync("/accessibilite");
        Assert.Contains("<html lang=\"en\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("Accessibility", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_refuses_to_leave_the_site()
    {
        using var browser = server.NewBrowser();
        var switched = await browser.GetAsync("/langue?culture=en&retour=%2F%2Fexemple.com%2F");
        Assert.Equal("/", switched.Target);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/langue?culture=de&retour=%2F")).Status);
    }

    [Fact]
    public async Task The_switch_in_a_form_keeps_what_was_typed_but_never_the_password()
    {
        using var browser = server.NewBrowser();
        var form = Journeys.Registration("marie2026", "marie.côté-tremblay@exemple.ca");
        var page = await browser.PostAsync("/creer-compte?handler=Language&culture=en", form, from: "/creer-compte");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<html lang=\"en\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("Create your account", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"marie2026\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"marie.côté-tremblay@exemple.ca\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFixture.GoodPassword, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("qc-form-error", page.Html, StringComparison.Ordinal);

        // The re-rendered form posts to the page itself, so the next submit creates the account.
        Assert.Contains("id=\"page-form\" action=\"/creer-compte\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void French_and_English_have_the_same_keys_and_placeholders()
    {
        var french = Read("fr");
        var english = Read("en");

        Assert.Equal(french.Keys.Order(), english.Keys.Order());
        foreach (var (key, text) in french)
        {
            Assert.True(Placeholders(text) == Placeholders(english[key]), $"{key}: placeholders differ between French and English");
            Assert.False(string.IsNullOrWhiteSpace(english[key]), $"{key} is empty in English");
        }
    }

    private static Dictionary<string, string> Read(string language)
    {
        var path = Path.Combine(RepositoryRoot(), "src", "Sesame.Server", "Resources", $"SharedResource.{language}.resx");
        return XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
    }

    private static string Placeholders(string text) => string.Join(',', Placeholder().Matches(text).Select(m => m.Value).Order());

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sesame.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Sesame.slnx not found above the test binaries.");
    }

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex Placeholder();
}
