using Sesame.Registries.Simulator.Tests.Support;
using static Sesame.Registries.Simulator.Tests.Support.Requests;

namespace Sesame.Registries.Simulator.Tests.RegistryApi;

/// <summary><c>POST saaq/v1/licence-verifications</c> (docs/registries.md): the licence's reference number is this person's.</summary>
[Collection(SharedSimulatorCollection.Name)]
public sealed class SaaqTests(SharedSimulator shared)
{
    private SimulatorHost Host => shared.Host;

    [Fact]
    public async Task Maries_licence_reference_matches()
    {
        var answer = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(Demo.Marie, "K4T9W2M7QA"));

        Assert.Equal("match", answer.Outcome);
        Assert.Matches("^SAAQ-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", answer.Reference);
    }

    [Fact]
    public async Task Another_persons_licence_an_unknown_one_or_another_birth_date_does_not_match()
    {
        var marie = Demo.Marie;

        var others = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(marie, Demo.Anne.LicenceReference!));
        var unknown = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(marie, "ZZZZZZZZZZ"));
        var otherBirth = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(marie with { BirthDate = marie.BirthDate.AddYears(-1) }, "K4T9W2M7QA"));
        var otherGiven = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(marie, "K4T9W2M7QA", givenName: "Anne"));

        Assert.Equal(["no_match", "no_match", "no_match", "no_match"], [others.Outcome, unknown.Outcome, otherBirth.Outcome, otherGiven.Outcome]);
    }

    [Fact]
    public async Task A_person_without_a_licence_has_none_to_match()
    {
        var luc = Demo.Luc;

        var answer = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(luc, "K4T9W2M7QA"));

        Assert.Equal("no_match", answer.Outcome);
    }

    [Fact]
    public async Task Generated_licences_match_their_holders_with_names_typed_any_way()
    {
        var holders = Host.Population.People.Skip(5).Where(p => p.LicenceReference is not null)
            .Where(p => p.FamilyName.Contains('\'', StringComparison.Ordinal) || p.FamilyName.Contains('-', StringComparison.Ordinal)
                || p.GivenNames.Any(c => c > 127))
            .Take(12)
            .ToList();
        Assert.Equal(12, holders.Count);

        foreach (var person in holders)
        {
            var asOnCard = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(person, person.LicenceReference!));
            var plain = await Host.AnswerAsync(Licence, SimulatorHost.SaaqKey, LicenceOf(person, person.LicenceReference!,
                Plain(person.GivenNames).ToLowerInvariant(), Plain(person.FamilyName).ToUpperInvariant()));
            Assert.Equal(("match", "match"), (asOnCard.Outcome, plain.Outcome));
        }
    }

    /// <summary>The name as someone without accents or punctuation on their keyboard would type it.</summary>
    private static string Plain(string name) => new(name.Normalize(System.Text.NormalizationForm.FormD)
        .Where(c => char.IsAsciiLetter(c) || c == ' ').ToArray());
}
