using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Sesame.Core.Privacy;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Info;

/// <summary>
/// The privacy policy names what Québec's Act respecting access (CQLR c., ss. 8, 63.4, 65, 73) asks, in
/// French and in English, with retention periods that are those the retention sweep applies.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class PrivacyTests(ServerFixture server)
{
    public static TheoryData<string, string[], string, string, string, string> Languages => new()
    {
        {
            "fr",
            [
                "Responsable de la protection des renseignements personnels", "Renseignements recueillis", "Pourquoi nous les recueillons",
                "Qui a accès à vos renseignements", "Comment refuser", "Vos droits d’accès et de rectification", "Durée de conservation",
                "Mesures de sécurité",
            ],
            "{0} jour", "{0} jours", "{0} ans", "Politique de confidentialité"
        },
        {
            "en",
            [
                "Person in charge of the protection of personal information", "Information we collect", "Why we collect it",
                "Who has access to your information", "How to refuse", "Your rights of access and rectification", "Retention periods",
                "Security measures",
            ],
            "{0} day", "{0} days", "{0} years", "Privacy policy"
        },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_policy_names_each_heading_the_law_asks_the_person_in_charge_and_the_retention_the_sweep_applies(
        string culture, string[] headings, string day, string days, string years, string title)
    {
        using var browser = server.NewBrowser();
        await browser.GetAsync($"/langue?culture={culture}&retour=%2Fconfidentialite");
        var page = await browser.GetAsync("/confidentialite");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<html lang=\"{culture}\">", page.Html, StringComparison.Ordinal);
        Assert.Contains(title, page.Text, StringComparison.Ordinal);

        var found = Heading().Matches(page.Html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
        Assert.All(headings, h => Assert.Contains(h, found));
        Assert.Contains("responsable.protection@sesame.example", page.Text, StringComparison.Ordinal);

        var policy = new RetentionPolicy();
        foreach (var period in new[] { policy.UnconfirmedAccounts, policy.SpentCodes, policy.ProofingAttempts, policy.AbandonedProofing, policy.SentMail })
        {
            Assert.Contains(string.Format(CultureInfo.InvariantCulture, period.TotalDays == 1 ? day : days, period.TotalDays), page.Text, StringComparison.Ordinal);
        }

        Assert.Contains(string.Format(CultureInfo.InvariantCulture, years, policy.AuditTrailYears), page.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<h2>(.*?)</h2>", RegexOptions.Singleline)]
    private static partial Regex Heading();
}
