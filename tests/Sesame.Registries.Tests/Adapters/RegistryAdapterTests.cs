using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sesame.Registries.Tests.Adapters;

/// <summary>Sesame's adapters against the simulated registries over HTTP (docs/registries.md; architecture.md, principle 2).</summary>
[Collection(RegistrySimulatorCollection.Name)]
public sealed class RegistryAdapterTests(RegistrySimulatorFixture registries)
{
    private static readonly DateOnly MarieBirth = new(1985, 3, 14);

    [Fact]
    public async Task Each_registry_answers_match_or_no_match_with_a_fresh_reference()
    {
        using var services = registries.CreateAdapters();
        var rq = services.GetRequiredService<IRevenuQuebecRegistry>();
        var year = DateTime.UtcNow.Year;
        var match = await rq.VerifyNoticeAsync(new NoticeVerification("046454286", "Marie", "Tremblay", MarieBirth, "Q7K2M9P4X1A", year - 2, year - 1), default);
        var again = await rq.VerifyNoticeAsync(new NoticeVerification("046454286", "marie", "TREMBLAY", MarieBirth, "Q7K2M9P4X1A", year - 2, year - 1), default);
        Assert.Equal(RegistryOutcome.Match, match.Outcome);
        Assert.Equal(RegistryOutcome.Match, again.Outcome);
        Assert.StartsWith("RQ-", match.Reference, StringComparison.Ordinal);
        Assert.NotEqual(match.Reference, again.Reference);
        // The notice is of last year: outside a window that ends two years ago, it does not match.
        Assert.Equal(RegistryOutcome.NoMatch, (await rq.VerifyNoticeAsync(new NoticeVerification("046454286", "Marie", "Tremblay", MarieBirth, "Q7K2M9P4X1A", year - 6, year - 2), default)).Outcome);

        var ramq = services.GetRequiredService<IRamqRegistry>();
        Assert.Equal(RegistryOutcome.Match, (await ramq.VerifyCardAsync(new CardVerification("TREM85531419", "Marie", "Tremblay", MarieBirth, "125478569"), default)).Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, (await ramq.VerifyCardAsync(new CardVerification("TREM85531419", "Marie", "Gagnon", MarieBirth, "125478569"), default)).Outcome);

        var saaq = services.GetRequiredService<ISaaqRegistry>();
        Assert.Equal(RegistryOutcome.Match, (await saaq.VerifyLicenceAsync(new LicenceVerification("K4T9W2M7QA", "Marie", "Tremblay", MarieBirth), default)).Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, (await saaq.VerifyLicenceAsync(new LicenceVerification("K4T9W2M7QB", "Marie", "Tremblay", MarieBirth), default)).Outcome);
    }

    [Fact]
    public async Task The_activation_key_letter_carries_a_key_that_verifies_and_replaces_the_previous_one()
    {
        using var services = registries.CreateAdapters();
        var ramq = services.GetRequiredService<IRamqRegistry>();
        var letter = new LetterRequest(LetterKind.ActivationKey, "ROYZ12522910", "Zoé", "Roy", new DateOnly(2012, 2, 29), null);
        Assert.Equal(RegistryOutcome.Sent, (await ramq.MailLetterAsync(letter, default)).Outcome);
        var first = await LatestKeyAsync("Zoé Roy");
        Assert.Equal(RegistryOutcome.Sent, (await ramq.MailLetterAsync(letter, default)).Outcome);
        var second = await LatestKeyAsync("Zoé Roy");

        var check = new ActivationKeyVerification("ROYZ12522910", "01", 2030, 2, second);
        Assert.Equal(RegistryOutcome.Match, (await ramq.VerifyActivationKeyAsync(check, default)).Outcome);
        if (first != second)
        {
            Assert.Equal(RegistryOutcome.NoMatch, (await ramq.VerifyActivationKeyAsync(check with { ActivationKey = first }, default)).Outcome);
        }

        Assert.Equal(RegistryOutcome.NoMatch, (await ramq.VerifyActivationKeyAsync(check with { SequentialNumber = "02" }, default)).Outcome);
        Assert.Equal(RegistryOutcome.NoMatch, (await ramq.MailLetterAsync(letter with { Nam = "ROYZ12522911" }, default)).Outcome);
    }

    [Theory]
    [InlineData("error", RegistryOutcome.Unavailable)]
    [InlineData("down", RegistryOutcome.Unavailable)]
    [InlineData("slow", RegistryOutcome.TimedOut)]
    public async Task A_failing_registry_is_unavailable_or_timed_out_never_a_no_match_and_the_others_still_answer(string fault, RegistryOutcome expected)
    {
        using var services = registries.CreateAdapters();
        await registries.SetFaultAsync("ramq", fault);
        try
        {
            var answer = await services.GetRequiredService<IRamqRegistry>().VerifyCardAsync(new CardVerification("TREM85531419", "Marie", "Tremblay", MarieBirth, "125478569"), default);
            Assert.Equal(expected, answer.Outcome);
            Assert.False(answer.Answered);
            Assert.Null(answer.Reference);
            var year = DateTime.UtcNow.Year;
            var other = await services.GetRequiredService<IRevenuQuebecRegistry>().VerifyNoticeAsync(
                new NoticeVerification("046454286", "Marie", "Tremblay", MarieBirth, "Q7K2M9P4X1A", year - 2, year - 1), default);
            Assert.Equal(RegistryOutcome.Match, other.Outcome);
        }
        finally
        {
            await registries.SetFaultAsync("ramq", "none");
        }
    }

    [Fact]
    public async Task A_wrong_credential_is_unavailable_to_sesame_and_401_at_the_registry()
    {
        using var services = registries.CreateAdapters(s => s["Saaq:ApiKey"] = "mauvaise-cle");
        var answer = await services.GetRequiredService<ISaaqRegistry>().VerifyLicenceAsync(new LicenceVerification("K4T9W2M7QA", "Marie", "Tremblay", MarieBirth), default);
        Assert.Equal(RegistryOutcome.Unavailable, answer.Outcome);
        using var raw = await registries.Raw.PostAsync("saaq/v1/licence-verifications", Json(new { referenceNumber = "K4T9W2M7QA" }));
        Assert.Equal(HttpStatusCode.Unauthorized, raw.StatusCode);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_an_outcome()
    {
        using var services = registries.CreateAdapters();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            services.GetRequiredService<ISaaqRegistry>().VerifyLicenceAsync(new LicenceVerification("K4T9W2M7QA", "Marie", "Tremblay", MarieBirth), cancelled.Token));
    }

    [Fact]
    public async Task Answers_carry_only_the_outcome_and_a_reference_and_bad_requests_are_named()
    {
        using var match = await Authorized("ramq/v1/card-verifications", RegistrySimulatorFixture.RamqKey,
            new { nam = "TREM85531419", givenName = "Marie", familyName = "Tremblay", birthDate = "1985-03-14", referenceNumber = "125478569" });
        using var body = JsonDocument.Parse(await match.Content.ReadAsStringAsync());
        Assert.Equal(["outcome", "reference"], body.RootElement.EnumerateObject().Select(p => p.Name).Order());

        foreach (var bad in new object[]
        {
            new { nam = "TREM85531419", givenName = "Marie", birthDate = "1985-03-14", referenceNumber = "125478569" },
            new { nam = "TREM85531419", givenName = "Marie", familyName = "Tremblay", birthDate = "14/03/1985", referenceNumber = "125478569" },
        })
        {
            using var refused = await Authorized("ramq/v1/card-verifications", RegistrySimulatorFixture.RamqKey, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("invalid_request", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var window = await Authorized("revenu-quebec/v1/notice-verifications", RegistrySimulatorFixture.RevenuQuebecKey,
            new { sin = "046454286", givenName = "Marie", familyName = "Tremblay", birthDate = "1985-03-14", noticeNumber = "Q7K2M9P4X1A", taxYearFrom = 2025, taxYearTo = 2024 });
        Assert.Equal(HttpStatusCode.BadRequest, window.StatusCode);
        using var kind = await Authorized("ramq/v1/letters", RegistrySimulatorFixture.RamqKey,
            new { kind = "colis", nam = "TREM85531419", givenName = "Marie", familyName = "Tremblay", birthDate = "1985-03-14" });
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
    }

    [Fact]
    public async Task A_repeated_letter_request_is_mailed_once()
    {
        var key = Guid.NewGuid().ToString();
        var letter = new { kind = "postal-secret", nam = "GAGL72110216", givenName = "Luc", familyName = "Gagnon", birthDate = "1972-11-02", secret = "ZZZZZ-" + key[..5].ToUpperInvariant() };
        var before = await LettersToAsync("Luc Gagnon");
        using var first = await Authorized("ramq/v1/letters", RegistrySimulatorFixture.RamqKey, letter, key);
        using var second = await Authorized("ramq/v1/letters", RegistrySimulatorFixture.RamqKey, letter, key);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await LettersToAsync("Luc Gagnon"));
    }

    [Theory]
    [InlineData("BaseAddress", "simulateur/")]
    [InlineData("BaseAddress", "http://ramq.exemple.ca/")]
    [InlineData("BaseAddress", "https://ramq.exemple.ca/api")]
    [InlineData("ApiKey", "")]
    [InlineData("TotalTimeout", "00:00:11")]
    [InlineData("AttemptTimeout", "00:00:05")]
    public void A_configuration_that_would_fail_leak_or_keep_the_person_waiting_is_refused(string setting, string value)
    {
        using var services = registries.CreateAdapters(s => s[$"Ramq:{setting}"] = value);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get("Ramq"));
    }

    [Fact]
    public void By_default_the_person_hears_back_within_ten_seconds() =>
        Assert.True(new RegistryOptions().TotalTimeout <= TimeSpan.FromSeconds(10));

    [Fact]
    public async Task The_logs_name_the_registry_and_the_outcome_never_what_was_sent()
    {
        using var logs = new CapturedLogs();
        using var services = registries.CreateAdapters(logs: logs);
        await services.GetRequiredService<IRamqRegistry>().VerifyCardAsync(new CardVerification("LIXA03570913", "Anne", "Li", new DateOnly(2003, 7, 9), "204681357"), default);
        await services.GetRequiredService<IRamqRegistry>().MailLetterAsync(new LetterRequest(LetterKind.PostalSecret, "LIXA03570913", "Anne", "Li", new DateOnly(2003, 7, 9), "QQQQQ-WWWWW"), default);
        var lines = string.Join('\n', logs.Lines);
        Assert.Contains("Ramq", lines, StringComparison.Ordinal);
        foreach (var secret in new[] { "LIXA03570913", "204681357", "2003-07-09", "QQQQQ-WWWWW", "012345674" })
        {
            Assert.DoesNotContain(secret, lines, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("LIXA", new CardVerification("LIXA03570913", "Anne", "Li", new DateOnly(2003, 7, 9), "204681357").ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Authorized(string path, string key, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await registries.Raw.SendAsync(request);
    }

    private async Task<string> LatestKeyAsync(string recipient)
    {
        using var letters = JsonDocument.Parse(await registries.Raw.GetStringAsync("courrier.json"));
        var content = letters.RootElement.EnumerateArray().First(l => l.GetProperty("recipient").GetString() == recipient).GetProperty("content").GetString()!;
        return System.Text.RegularExpressions.Regex.Match(content, @"activation : (\d{4})").Groups[1].Value;
    }

    private async Task<int> LettersToAsync(string recipient)
    {
        using var letters = JsonDocument.Parse(await registries.Raw.GetStringAsync("courrier.json"));
        return letters.RootElement.EnumerateArray().Count(l => l.GetProperty("recipient").GetString() == recipient);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
