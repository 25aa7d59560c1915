using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sesame.Core.Identity.Identifiers;

namespace Sesame.Registries.Simulator;

/// <summary>
/// The registries' side of docs/registries.md. Each answer is match / no match (or sent) and a reference id,
/// never the record. Requests that break the contract get 400: they are a client bug, not a person's mistake.
/// </summary>
internal static class RegistryApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("revenu-quebec/v1/notice-verifications", (NoticeRequest body, SimulatorState state) =>
            Verify(body.Problem(), "RQ", () =>
            {
                var person = state.Population.ByNas(body.Sin!);
                return person is not null && SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!)
                    && person.Notices.Any(n => n.Number == body.NoticeNumber && n.TaxYear >= body.TaxYearFrom && n.TaxYear <= body.TaxYearTo);
            }))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.RevenuQuebec));

        group.MapPost("ramq/v1/card-verifications", (CardRequest body, SimulatorState state) =>
            Verify(body.Problem(), "RAMQ", () =>
            {
                var person = state.Population.ByNam(body.Nam!);
                return person is not null && SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!)
                    && person.Card.ReferenceNumber == body.ReferenceNumber && person.Card.Expiry >= Today(state);
            }))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Ramq));

        group.MapPost("ramq/v1/activation-key-verifications", (ActivationKeyRequest body, SimulatorState state) =>
            Verify(body.Problem(), "RAMQ", () =>
            {
                var person = state.Population.ByNam(body.Nam!);
                return person is not null
                    && person.Card.SequentialNumber == body.SequentialNumber
                    && HealthCardNumbers.FormatExpiry(person.Card.Expiry) == body.Expiry
                    && person.Card.Expiry >= Today(state)
                    && state.IsActivationKey(person.Nam, body.ActivationKey!);
            }))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Ramq));

        group.MapPost("ramq/v1/letters", (LetterRequestBody body, HttpRequest request, SimulatorState state) =>
        {
            if (body.Problem() is { } problem)
            {
                return BadRequest(problem);
            }

            var idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault();
            return Results.Ok(state.Once(idempotencyKey, () =>
            {
                var person = state.Population.ByNam(body.Nam!);
                if (person is null || !SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!))
                {
                    return new Answer("no_match", SimulatorState.Reference("RAMQ"));
                }

                var content = body.Kind == "postal-secret"
                    ? $"Votre secret d'identification postal : {body.Secret} (valide 30 jours)"
                    : $"Votre clé d'activation : {state.IssueActivationKey(person.Nam)} (valide 90 jours)";
                state.Mail(new Letter(state.Time.GetUtcNow(), body.Kind!, $"{person.GivenNames} {person.FamilyName}", person.Address, content));
                return new Answer("sent", SimulatorState.Reference("RAMQ"));
            }));
        })
        .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Ramq));

        group.MapPost("saaq/v1/licence-verifications", (LicenceRequest body, SimulatorState state) =>
            Verify(body.Problem(), "SAAQ", () =>
            {
                var person = state.Population.ByLicence(body.ReferenceNumber!);
                return person is not null && SamePerson(person, body.GivenName!, body.FamilyName!, body.BirthDate!);
            }))
            .AddEndpointFilter(new RegistryGate(SimulatedRegistry.Saaq));
    }

    /// <summary>
    /// Names as a person types them from their card (docs/registries.md): accents, case, spaces, hyphens and
    /// apostrophes do not matter, and the given name may be the first one alone or all of them.
    /// </summary>
    public static bool SamePerson(SyntheticPerson person, string givenName, string familyName, string birthDate)
    {
        var typedGiven = IdentifierText.LettersOf(givenName);
        var first = person.GivenNames.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return IdentifierText.LettersOf(familyName) == IdentifierText.LettersOf(person.FamilyName)
            && (typedGiven == IdentifierText.LettersOf(person.GivenNames) || typedGiven == IdentifierText.LettersOf(first))
            && birthDate == person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static DateOnly Today(SimulatorState state) => DateOnly.FromDateTime(state.Time.GetUtcNow().UtcDateTime);

    private static IResult Verify(string? problem, string prefix, Func<bool> matches) =>
        problem is not null
            ? BadRequest(problem)
            : Results.Ok(new Answer(matches() ? "match" : "no_match", SimulatorState.Reference(prefix)));

    private static IResult BadRequest(string detail) => Results.BadRequest(new { error = "invalid_request", detail });

    internal sealed record Answer(string Outcome, string Reference);

    private static string? Missing(params (string Name, string? Value)[] fields) =>
        fields.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Value)).Name is { } name ? $"{name} is required." : null;

    private static bool IsDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    internal sealed record NoticeRequest(string? Sin, string? GivenName, string? FamilyName, string? BirthDate, string? NoticeNumber, int TaxYearFrom, int TaxYearTo)
    {
        public string? Problem() =>
            Missing(("sin", Sin), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate), ("noticeNumber", NoticeNumber))
            ?? (!IsDate(BirthDate) ? "birthDate must be yyyy-MM-dd." : null)
            ?? (TaxYearFrom <= 0 || TaxYearFrom > TaxYearTo ? "taxYearFrom must be a year no later than taxYearTo." : null);
    }

    internal sealed record CardRequest(string? Nam, string? GivenName, string? FamilyName, string? BirthDate, string? ReferenceNumber)
    {
        public string? Problem() =>
            Missing(("nam", Nam), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate), ("referenceNumber", ReferenceNumber))
            ?? (!IsDate(BirthDate) ? "birthDate must be yyyy-MM-dd." : null);
    }

    internal sealed record ActivationKeyRequest(string? Nam, string? SequentialNumber, string? Expiry, string? ActivationKey)
    {
        public string? Problem() =>
            Missing(("nam", Nam), ("sequentialNumber", SequentialNumber), ("expiry", Expiry), ("activationKey", ActivationKey))
            ?? (!HealthCardNumbers.TryParseExpiry(Expiry, out _) ? "expiry must be yyyy-MM." : null);
    }

    internal sealed record LetterRequestBody(string? Kind, string? Nam, string? GivenName, string? FamilyName, string? BirthDate, string? Secret)
    {
        public string? Problem() =>
            Missing(("kind", Kind), ("nam", Nam), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate))
            ?? (!IsDate(BirthDate) ? "birthDate must be yyyy-MM-dd." : null)
            ?? (Kind is not ("postal-secret" or "activation-key") ? "kind must be postal-secret or activation-key." : null)
            ?? (Kind == "postal-secret" && string.IsNullOrWhiteSpace(Secret) ? "secret is required for a postal-secret letter." : null);
    }

    internal sealed record LicenceRequest(string? ReferenceNumber, string? GivenName, string? FamilyName, string? BirthDate)
    {
        public string? Problem() =>
            Missing(("referenceNumber", ReferenceNumber), ("givenName", GivenName), ("familyName", FamilyName), ("birthDate", BirthDate))
            ?? (!IsDate(BirthDate) ? "birthDate must be yyyy-MM-dd." : null);
    }

    /// <summary>Checks the registry's bearer credential, then plays its fault, before the endpoint answers.</summary>
    private sealed class RegistryGate(SimulatedRegistry registry) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var services = http.RequestServices;
            var options = services.GetRequiredService<SimulatorOptions>();
            var expected = options.Credentials.GetValueOrDefault(registry.ToString()) ?? "";
            var header = http.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
            if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
            {
                return Results.Unauthorized();
            }

            switch (services.GetRequiredService<SimulatorState>().FaultOf(registry))
            {
                case FaultMode.Down:
                    http.Abort();
                    return Results.Empty;
                case FaultMode.Error:
                    return Results.StatusCode(StatusCodes.Status500InternalServerError);
                case FaultMode.Slow:
                    await Task.Delay(options.SlowDelay, http.RequestAborted);
                    break;
            }

            return await next(context);
        }
    }
}
