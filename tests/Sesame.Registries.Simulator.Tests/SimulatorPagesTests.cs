using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests;

/// <summary>
/// The simulator's pages (docs/registries.md, "The simulator"): the demo people with their identifiers and proofs, the
/// mail room in HTML and JSON; French first with English beside, encoded, accessible, no script, said to be synthetic.
/// </summary>
[Collection(SharedSimulatorCollection.Name)]
public sealed partial class SimulatorPagesTests(SharedSimulator shared)
{
    private SimulatorHost Host => shared.Host;

    [Fact]
    public async Task The_home_page_lists_every_demo_person_with_identifiers_notices_card_and_licence()
    {
        var html = await HtmlAsync("");

        foreach (var person in DemoPeople.All(SimulatorHost.Year))
        {
            Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(person.FullName), html, StringComparison.Ordinal);
            Assert.Contains(person.Nam[..4] + " " + person.Nam[4..8] + " " + person.Nam[8..], html, StringComparison.Ordinal);
            Assert.Contains(person.Nas[..3] + " " + person.Nas[3..6] + " " + person.Nas[6..], html, StringComparison.Ordinal);
            Assert.All(person.Notices, n => Assert.Contains($"{n.Number} ({n.TaxYear})", html, StringComparison.Ordinal));
            if (person.LicenceReference is not null)
            {
                Assert.Contains(person.LicenceReference, html, StringComparison.Ordinal);
            }
        }

        Assert.Contains("125 478 569", html, StringComparison.Ordinal);
        Assert.Contains("Zoé Roy", html, StringComparison.Ordinal);
        Assert.Contains("Jean D&#x27;Amour", html, StringComparison.Ordinal);
        Assert.Contains("10 000", html.Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace(',', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_says_which_proofs_each_demo_person_has()
    {
        var html = await HtmlAsync("");

        var rows = Row().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => m.Value);
        Assert.Contains("Avis de cotisation des 2 dernières années", rows["Marie Tremblay"], StringComparison.Ordinal);
        Assert.Contains("Numéro de référence de la carte", rows["Marie Tremblay"], StringComparison.Ordinal);
        Assert.Contains("Numéro de référence du permis", rows["Marie Tremblay"], StringComparison.Ordinal);
        Assert.DoesNotContain("Numéro de référence de la carte", rows["Luc Gagnon"], StringComparison.Ordinal);
        Assert.DoesNotContain("Numéro de référence du permis", rows["Luc Gagnon"], StringComparison.Ordinal);
        Assert.Contains("5 dernières années seulement", rows["Jean D&#x27;Amour"], StringComparison.Ordinal);
        Assert.DoesNotContain("Avis de cotisation", rows["Anne Li"].Split("<ul")[1], StringComparison.Ordinal);
        Assert.Contains("clé d&#x27;activation", rows["Zoé Roy"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("courrier")]
    public async Task Every_page_is_french_first_with_english_beside_accessible_and_says_it_is_a_simulator(string page)
    {
        using var response = await Host.Client.GetAsync(new Uri(page, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("<span lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        Assert.Contains("<main>", html, StringComparison.Ordinal);
        Assert.Contains("Simulateur", html, StringComparison.Ordinal);
        Assert.Contains("synthétiques", html, StringComparison.Ordinal);
        Assert.Contains("aucune personne réelle", html, StringComparison.Ordinal);
        Assert.Contains("<span lang=\"en\"><strong>Simulator</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/simulateur/simulateur.css\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", Regex.Replace(html, ">[^<]*<", "><"), StringComparison.Ordinal); // no onclick= and the like
    }

    [Fact]
    public async Task The_home_pages_tables_have_captions_and_scoped_headers()
    {
        var html = await HtmlAsync("");

        Assert.Equal(2, Regex.Count(html, "<caption>"));
        Assert.Equal(5 + 3, Regex.Count(html, "<th scope=\"row\">"));
        Assert.True(Regex.Count(html, "<th scope=\"col\">") >= 9 + 2);
        Assert.DoesNotContain("<th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_is_served_as_css()
    {
        using var response = await Host.Client.GetAsync(new Uri("simulateur.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".simulateur", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_room_shows_the_letters_newest_first_with_recipient_address_and_content_encoded()
    {
        var jean = Demo.Jean;
        var anne = Demo.Anne;
        var secret = NewSecret();
        await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(jean, secret), Guid.NewGuid().ToString());
        await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, ActivationKeyLetterOf(anne), Guid.NewGuid().ToString());

        var html = await HtmlAsync("courrier");

        var jeanAt = html.IndexOf("<h2>Jean D&#x27;Amour</h2>", StringComparison.Ordinal);
        var anneAt = html.IndexOf("<h2>Anne Li</h2>", StringComparison.Ordinal);
        Assert.True(anneAt > 0 && jeanAt > anneAt, "Anne's letter, mailed last, comes first");
        Assert.Contains("3, rue Principale, Gatineau (Québec)  J8X 3B1", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"contenu\">Votre secret d&#x27;identification postal : {secret}", html, StringComparison.Ordinal);
        Assert.Contains("Secret d&#x27;identification postal", html, StringComparison.Ordinal);
        Assert.Contains("Clé d&#x27;activation", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_room_in_json_gives_date_kind_recipient_address_content_and_secret_newest_first()
    {
        var luc = Demo.Luc;
        var secrets = new[] { NewSecret(), NewSecret() };
        foreach (var secret in secrets)
        {
            await Host.AnswerAsync(Letters, SimulatorHost.RamqKey, PostalSecretLetterOf(luc, secret), Guid.NewGuid().ToString());
        }

        using var response = await Host.Client.GetAsync(new Uri("courrier.json", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var newest = document.RootElement[0];
        Assert.Equal(["address", "content", "kind", "recipient", "secret", "sentAt"], newest.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(secrets[1], newest.GetProperty("secret").GetString());
        Assert.Equal(secrets[0], document.RootElement[1].GetProperty("secret").GetString());
        Assert.Equal("Luc Gagnon", newest.GetProperty("recipient").GetString());
        Assert.Equal("postal-secret", newest.GetProperty("kind").GetString());
        Assert.Equal(luc.Address, newest.GetProperty("address").GetString());
        Assert.Equal(SimulatorHost.Start, newest.GetProperty("sentAt").GetDateTimeOffset());
    }

    private async Task<string> HtmlAsync(string page) => await Host.Client.GetStringAsync(new Uri(page, UriKind.Relative));

    [GeneratedRegex("<tr><th scope=\"row\">(?<name>[^<]+)</th>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();
}
