using System.Globalization;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator;

/// <summary>
/// The registries' side of docs/registries.md. Each answer is match / no match (or sent) and a fresh reference id,
/// never the record. Requests that break the contract get 400: they are a client bug, not a person's mistake.
/// </summary>
internal static class RegistryApi
{
    /// <summary>The journal prefixes of the reference ids (docs/registries.md: <c>RQ-7Q2M-4K9D-TX3B</c>).</summary>
    public const string RevenuQuebecPrefix = "RQ";
    public const string RamqPrefix = "RAMQ";
    public const string SaaqPrefix = "SAAQ";

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("revenu-quebec/v1/notice-verifications", (HttpRequest request, SimulatorState state) =>
            VerifyAsync<NoticeRequest>(request, RevenuQuebecPrefix, body =>
                state.Population.ByNas(body.Sin!) is { } person
                && SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!)
                && person.Notices.Any(n => n.Number == body.NoticeNumber && n.TaxYear >= body.TaxYearFrom && n.TaxYear <= body.TaxYearTo)))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.RevenuQuebec));

        // Only the person's current card counts, and only until the end of its expiry month (identifiers.md).
        group.MapPost("ramq/v1/card-verifications", (HttpRequest request, SimulatorState state) =>
            VerifyAsync<CardRequest>(request, RamqPrefix, body =>
                state.Population.ByNam(body.Nam!) is { } person
                && SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!)
                && person.Card.ReferenceNumber is { } reference && reference == body.ReferenceNumber
                && person.Card.Expiry >= Today(state)))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Ramq));

        group.MapPost("ramq/v1/activation-key-verifications", (HttpRequest request, SimulatorState state) =>
            VerifyAsync<ActivationKeyRequest>(request, RamqPrefix, body =>
                state.Population.ByNam(body.Nam!) is { } person
                && person.Card.SequentialNumber == body.SequentialNumber
                && person.Card.Expiry == Contract.Expiry(body.Expiry!)
                && person.Card.Expiry >= Today(state)
                && state.IsActivationKey(person.Nam, body.ActivationKey!)))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Ramq));

        group.MapPost("ramq/v1/letters", MailLetterAsync)
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Ramq));

        group.MapPost("saaq/v1/licence-verifications", (HttpRequest request, SimulatorState state) =>
            VerifyAsync<LicenceRequest>(request, SaaqPrefix, body =>
                state.Population.ByLicence(body.ReferenceNumber!) is { } person
                && SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!)))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Saaq));
    }

    /// <summary>
    /// Names as a person types them from their card (docs/registries.md, "How names are compared"): accents, case,
    /// spaces, hyphens and apostrophes do not matter, and the given name may be the first one alone or all of them.
    /// A hyphenated given name (Jean-Paul) is one name; given names are separated by spaces. Dates must be exact.
    /// </summary>
    public static bool SamePerson(SyntheticPerson person, string givenName, string familyName, string birthDate)
    {
        var typedGiven = IdentifierText.LettersOf(givenName);
        var first = person.GivenNames.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return typedGiven.Length > 0
            && IdentifierText.LettersOf(familyName) == IdentifierText.LettersOf(person.FamilyName)
            && (typedGiven == IdentifierText.LettersOf(person.GivenNames) || typedGiven == IdentifierText.LettersOf(first))
            && birthDate == person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Mails a letter to the address RAMQ holds for the person found by NAM, names and date of birth. A repeated
    /// <c>Idempotency-Key</c> gets the first answer and no second letter.
    /// </summary>
    private static async Task<IResult> MailLetterAsync(HttpRequest request, SimulatorState state)
    {
        var (body, problem) = await SimulatorJson.ReadAsync<MailLetterRequest>(request);
        problem ??= body!.Problem();
        var idempotencyKey = request.Headers[IdempotencyKeyHeader].FirstOrDefault();
        if (idempotencyKey is not null && (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100))
        {
            problem ??= "Idempotency-Key must be a unique id (a UUID), at most 100 characters.";
        }

        if (problem is not null)
        {
            return SimulatorJson.InvalidRequest(problem);
        }

        var answer = state.Once(idempotencyKey, () =>
        {
            var person = state.Population.ByNam(body!.Nam!);
            if (person is null || !SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!))
            {
                return new Answer("no_match", SimulatorState.Reference(RamqPrefix));
            }

            string secret, content;
            if (body.Kind == MailLetterRequest.PostalSecret)
            {
                // Printed as Sesame sent it (displayed XXXXX-XXXXX): the person types it back from the letter.
                secret = body.Secret!;
                content = $"Votre secret d'identification postal : {secret} (valide 30 jours). Your postal identification secret: {secret} (valid 30 days).";
            }
            else
            {
                secret = state.IssueActivationKey(person.Nam);
                content = $"Votre clé d'activation : {secret} (valide 90 jours). Your activation key: {secret} (valid 90 days).";
            }

            state.Mail(new Letter(state.Time.GetUtcNow(), body.Kind!, person.FullName, person.Address, content, secret));
            return new Answer("sent", SimulatorState.Reference(RamqPrefix));
        });
        return SimulatorJson.Json(answer);
    }

    private static async Task<IResult> VerifyAsync<T>(HttpRequest request, string referencePrefix, Func<T, bool> matches)
        where T : class, IContractRequest
    {
        var (body, problem) = await SimulatorJson.ReadAsync<T>(request);
        problem ??= body!.Problem();
        return problem is not null
            ? SimulatorJson.InvalidRequest(problem)
            : SimulatorJson.Json(new Answer(matches(body!) ? "match" : "no_match", SimulatorState.Reference(referencePrefix)));
    }

    private static DateOnly Today(SimulatorState state) => DateOnly.FromDateTime(state.Time.GetUtcNow().UtcDateTime);

    /// <summary>Every <c>200</c> answer (docs/registries.md): the outcome and the registry's reference id, nothing else.</summary>
    internal sealed record Answer(string Outcome, string Reference);
}
