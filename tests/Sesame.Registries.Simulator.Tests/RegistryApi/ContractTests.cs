using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests.RegistryApi;

/// <summary>
/// What every contract of docs/registries.md shares: the per-registry bearer credential (401), the 400 for a request
/// that breaks the contract, and answers that carry an outcome and a fresh reference, never the record.
/// </summary>
[Collection(SharedSimulatorCollection.Name)]
public sealed class ContractTests(SharedSimulator shared)
{
    private static readonly int Year = SimulatorHost.Year;

    private SimulatorHost Host => shared.Host;

    public static TheoryData<string> Paths => [NoticeVerifications, Card, ActivationKey, Letters, Licence];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_missing_credential_gets_401(string path)
    {
        using var response = await Host.PostAsync(path, null, Matching(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData(NoticeVerifications, "not-the-key")]
    [InlineData(NoticeVerifications, SimulatorHost.RamqKey)] // another registry's key
    [InlineData(Card, SimulatorHost.SaaqKey)]
    [InlineData(ActivationKey, SimulatorHost.RevenuQuebecKey)]
    [InlineData(Letters, SimulatorHost.SaaqKey)]
    [InlineData(Licence, SimulatorHost.RamqKey)]
    [InlineData(Licence, "dev-key-saaq-not-for-production")] // the development default, replaced by this host's setting
    [InlineData(Card, SimulatorHost.RamqKey + "x")]
    public async Task A_wrong_credential_gets_401(string path, string key)
    {
        using var response = await Host.PostAsync(path, key, Matching(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_key_must_come_as_a_bearer_credential()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Licence)
        {
            Content = new StringContent(JsonSerializer.Serialize(Matching(Licence), JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", SimulatorHost.SaaqKey);

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_wrong_credential_is_checked_before_the_body(string path)
    {
        using var response = await Host.PostAsync(path, "not-the-key", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string, string> BrokenRequests => new()
    {
        // Missing fields.
        { "a missing familyName", Card, """{"nam":"TREM85531419","givenName":"Marie","birthDate":"1985-03-14","referenceNumber":"125478569"}""" },
        { "a missing referenceNumber", Licence, """{"givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        { "a missing noticeNumber", NoticeVerifications, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","taxYearFrom":2024,"taxYearTo":2025}""" },
        { "missing tax years", NoticeVerifications, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A"}""" },
        { "a missing activationKey", ActivationKey, """{"nam":"TREM85531419","sequentialNumber":"03","expiry":"2028-04"}""" },
        { "a postal-secret letter without its secret", Letters, """{"kind":"postal-secret","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        { "a null given name", Card, """{"nam":"TREM85531419","givenName":null,"familyName":"Tremblay","birthDate":"1985-03-14","referenceNumber":"125478569"}""" },
        { "a blank family name", Licence, """{"referenceNumber":"K4T9W2M7QA","givenName":"Marie","familyName":"  ","birthDate":"1985-03-14"}""" },
        // Dates.
        { "a birth date as dd/MM/yyyy", Card, """{"nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"14/03/1985","referenceNumber":"125478569"}""" },
        { "a day that does not exist", Licence, """{"referenceNumber":"K4T9W2M7QA","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-02-30"}""" },
        { "a month without its zero", Letters, """{"kind":"activation-key","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-3-14"}""" },
        { "an expiry as MM/yy", ActivationKey, """{"nam":"TREM85531419","sequentialNumber":"03","expiry":"04/28","activationKey":"4821"}""" },
        { "an expiry with a day", ActivationKey, """{"nam":"TREM85531419","sequentialNumber":"03","expiry":"2028-04-30","activationKey":"4821"}""" },
        // Tax years.
        { "taxYearFrom after taxYearTo", NoticeVerifications, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A","taxYearFrom":2025,"taxYearTo":2024}""" },
        { "a tax year as a string", NoticeVerifications, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A","taxYearFrom":"2024","taxYearTo":2025}""" },
        { "a tax year that is not a year", NoticeVerifications, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A","taxYearFrom":24,"taxYearTo":25}""" },
        // Identifiers not normalized, or of the wrong shape (identifiers.md).
        { "a NAS with spaces", NoticeVerifications, """{"sin":"046 454 286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A","taxYearFrom":2024,"taxYearTo":2025}""" },
        { "a NAS of 8 digits", NoticeVerifications, """{"sin":"04645428","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A","taxYearFrom":2024,"taxYearTo":2025}""" },
        { "a notice number starting with A", NoticeVerifications, """{"sin":"046454286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"A7K2M9P4X1A","taxYearFrom":2024,"taxYearTo":2025}""" },
        { "a NAM in lower case", Card, """{"nam":"trem85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","referenceNumber":"125478569"}""" },
        { "a NAM with spaces", Letters, """{"kind":"activation-key","nam":"TREM 8553 1419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        { "a NAM with month 13", Card, """{"nam":"TREM85131419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","referenceNumber":"125478569"}""" },
        { "a card reference of 8 digits", Card, """{"nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","referenceNumber":"12547856"}""" },
        { "a card reference with spaces", Card, """{"nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","referenceNumber":"125 478 569"}""" },
        { "a licence reference in lower case", Licence, """{"referenceNumber":"k4t9w2m7qa","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        { "a licence reference of 13 characters", Licence, """{"referenceNumber":"K4T9W2M7QA123","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        { "a sequential number of one digit", ActivationKey, """{"nam":"TREM85531419","sequentialNumber":"3","expiry":"2028-04","activationKey":"4821"}""" },
        { "an activation key of 5 digits", ActivationKey, """{"nam":"TREM85531419","sequentialNumber":"03","expiry":"2028-04","activationKey":"48210"}""" },
        // Names.
        { "a name without letters", Licence, """{"referenceNumber":"K4T9W2M7QA","givenName":"1234","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
        // Letters.
        { "a kind RAMQ does not mail", Letters, """{"kind":"colis","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","secret":"7K2M9-P4X1A"}""" },
        { "a secret that is not a postal secret", Letters, """{"kind":"postal-secret","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","secret":"secret"}""" },
        { "a secret sent with an activation-key letter", Letters, """{"kind":"activation-key","nam":"TREM85531419","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","secret":"7K2M9-P4X1A"}""" },
        // Not the contract's JSON.
        { "a field that is not in the contract", Licence, """{"referenceNumber":"K4T9W2M7QA","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","nam":"TREM85531419"}""" },
        { "a body that is not JSON", Card, "nam=TREM85531419" },
        { "an empty body", Licence, "" },
        { "a JSON array", Licence, "[]" },
        { "JSON null", Licence, "null" },
        { "a field given twice", Licence, """{"referenceNumber":"K4T9W2M7QA","referenceNumber":"L7P3X9N2RB","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14"}""" },
    };

    [Theory]
    [MemberData(nameof(BrokenRequests))]
    public async Task A_request_that_breaks_the_contract_gets_400_invalid_request_with_a_detail(string why, string path, string json)
    {
        using var response = await SimulatorHost.PostJsonAsync(Host.Client, path, KeyFor(path), json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("detail").GetString()), why);
    }

    [Fact]
    public async Task A_400_does_not_echo_what_was_sent()
    {
        using var response = await SimulatorHost.PostJsonAsync(Host.Client, NoticeVerifications, SimulatorHost.RevenuQuebecKey,
            """{"sin":"046 454 286","givenName":"Marie","familyName":"Tremblay","birthDate":"1985-03-14","noticeNumber":"Q7K2M9P4X1A","taxYearFrom":2024,"taxYearTo":2025}""");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sin", text, StringComparison.Ordinal);
        Assert.DoesNotContain("454", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tremblay", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_content_type_gets_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Licence)
        {
            Content = new StringContent(JsonSerializer.Serialize(Matching(Licence), JsonSerializerOptions.Web), Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorHost.SaaqKey);

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NoticeVerifications, "match")]
    [InlineData(Card, "match")]
    [InlineData(Licence, "match")]
    [InlineData(Letters, "sent")]
    public async Task An_answer_is_the_outcome_and_a_reference_never_the_record(string path, string outcome)
    {
        var marie = Demo.Marie;

        using var response = await Host.PostAsync(path, KeyFor(path), Matching(path), Guid.NewGuid().ToString());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(outcome, Answer.Parse(text).Outcome);
        foreach (var personal in new[] { marie.GivenNames, marie.FamilyName, marie.Nam, marie.Nas, marie.Address, "Montréal", "1985", "K4T9W2M7QA", "125478569" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Each_call_gets_a_fresh_reference(string path)
    {
        var body = path == ActivationKey ? ActivationKeyOf(Demo.Marie, "0000") : Matching(path);

        var references = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            references.Add((await Host.AnswerAsync(path, KeyFor(path), body)).Reference);
        }

        Assert.Equal(5, references.Count);
        Assert.All(references, r => Assert.Matches("^(RQ|RAMQ|SAAQ)-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", r));
    }

    [Fact]
    public async Task A_wrong_check_digit_in_a_well_formed_nam_is_no_match_not_400()
    {
        // identifiers.md: the check digit rests on one source, so Sesame may send such a NAM; RAMQ just finds nobody.
        var answer = await Host.AnswerAsync(Card, SimulatorHost.RamqKey, CardOf(Demo.Marie with { Nam = "TREM85531418" }, "125478569"));

        Assert.Equal("no_match", answer.Outcome);
    }

    /// <summary>A request Marie Tremblay's records match, for each contract path.</summary>
    private static object Matching(string path)
    {
        var marie = Demo.Marie;
        return path switch
        {
            NoticeVerifications => NoticeOf(marie, marie.Notices[0].Number, Year - 2, Year - 1),
            Card => CardOf(marie, marie.Card.ReferenceNumber!),
            ActivationKey => ActivationKeyOf(marie, "0000"),
            Letters => PostalSecretLetterOf(marie, NewSecret()),
            Licence => LicenceOf(marie, marie.LicenceReference!),
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
        };
    }
}
