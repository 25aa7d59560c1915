using Sesame.Core.Access;
using Sesame.Core.Accounts;
using Sesame.Core.Organizations;
using Sesame.Core.Privacy;

namespace Sesame.Core.Tests.Access;

/// <summary>Seed 003's "Directives": no shared mailbox, two different addresses, capital letters, and who may authorize what.</summary>
public sealed class AccessRequestRulesTests
{
    [Theory]
    [InlineData("info@clinique.example")]
    [InlineData("Information@clinique.example")]
    [InlineData("INFO2@clinique.example")]
    [InlineData("admin@cisss.example")]
    [InlineData("accueil@gmf.example")]
    [InlineData("Réception@gmf.example")]
    [InlineData("secrétariat@gmf.example")]
    [InlineData("secretariat+rv@gmf.example")]
    [InlineData("clinique@gmf.example")]
    [InlineData("contact@optilab.example")]
    [InlineData("no-reply@cisss.example")]
    [InlineData("no_reply@cisss.example")]
    [InlineData("noreply@cisss.example")]
    public void Shared_mailboxes_are_refused(string email)
    {
        Assert.True(AccessRequestRules.IsSharedMailbox(email));
        Assert.Equal([AccessRuleCodes.SharedMailbox], AccessRequestRules.CheckEmail(email));
    }

    [Theory]
    [InlineData("jacques.untel@cisss.example")]
    [InlineData("marie.tremblay@exemple.ca")]
    [InlineData("informaticien.luc@cisss.example")]
    [InlineData("adminou@cisss.example")]
    [InlineData("d.accueil-roy@gmf.example")]
    public void Mailboxes_of_a_person_are_accepted(string email)
    {
        Assert.False(AccessRequestRules.IsSharedMailbox(email));
        Assert.Empty(AccessRequestRules.CheckEmail(email));
    }

    [Fact]
    public void An_address_must_first_be_an_address()
    {
        Assert.Equal([AccountRuleCodes.EmailRequired], AccessRequestRules.CheckEmail(" "));
        Assert.Equal([AccountRuleCodes.EmailInvalid], AccessRequestRules.CheckEmail("info"));
    }

    [Theory]
    [InlineData("marie.tremblay@cisss.example", "marie.tremblay@cisss.example")]
    [InlineData("Marie.Tremblay@CISSS.example", "marie.tremblay@cisss.example")]
    [InlineData("marie.tremblay+dsp@cisss.example", " marie.tremblay@cisss.example ")]
    public void The_same_mailbox_is_recognized(string first, string second) =>
        Assert.True(AccessRequestRules.SameMailbox(first, second));

    [Theory]
    [InlineData("marie.tremblay@cisss.example", "marie.tremblay@exemple.ca")]
    [InlineData("marie.tremblay@cisss.example", "luc.gagnon@cisss.example")]
    public void Different_mailboxes_are_different(string first, string second) =>
        Assert.False(AccessRequestRules.SameMailbox(first, second));

    [Theory]
    [InlineData("CÔTÉ-TREMBLAY")]
    [InlineData("O'BRIEN")]
    [InlineData("LI")]
    public void Names_in_capital_letters_are_accepted(string name) => Assert.Empty(AccessRequestRules.CheckCapitalName(name));

    [Theory]
    [InlineData("Côté-Tremblay")]
    [InlineData("TREMBLAy")]
    [InlineData("marie")]
    public void Names_with_small_letters_are_refused(string name) =>
        Assert.Equal([AccessRuleCodes.CapitalLetters], AccessRequestRules.CheckCapitalName(name));

    [Fact]
    public void Names_still_follow_the_name_rules()
    {
        Assert.Equal([AccountRuleCodes.NameRequired], AccessRequestRules.CheckCapitalName(""));
        Assert.Equal([AccountRuleCodes.NameCharacters], AccessRequestRules.CheckCapitalName("TREMBLAY\u200F"));
        Assert.Equal([AccountRuleCodes.NameCharacters], AccessRequestRules.CheckCapitalName("ROY\0"));
    }

    [Fact]
    public void Each_kind_of_organization_has_the_authorizers_and_scopes_of_seed_003()
    {
        Assert.Equal([AuthorizerRole.DirecteurServicesProfessionnels, AuthorizerRole.DirecteurGeneral], AccessRequestRules.RolesFor(OrganizationKind.Establishment));
        Assert.Equal([AuthorizerRole.RepresentantOptilab], AccessRequestRules.RolesFor(OrganizationKind.OptilabCluster));
        Assert.Equal([AuthorizerRole.MedecinResponsableGmf, AuthorizerRole.MedecinCoresponsableGmf], AccessRequestRules.RolesFor(OrganizationKind.Gmf));
        Assert.Empty(AccessRequestRules.RolesFor(OrganizationKind.Clinic));
        Assert.False(AccessRequestRules.UsesAccessRequests(OrganizationKind.Clinic));
        Assert.Equal([AccessScope.SomeInstallations, AccessScope.WholeEstablishment], AccessRequestRules.ScopesFor(OrganizationKind.Establishment));
        Assert.Equal([AccessScope.OptilabCluster], AccessRequestRules.ScopesFor(OrganizationKind.OptilabCluster));
    }

    [Fact]
    public void Reference_numbers_have_nine_digits_shown_in_groups_of_three()
    {
        var reference = AccessRequestRules.NewReferenceNumber();
        Assert.Matches("^[0-9]{9}$", reference);
        Assert.Equal("125 478 569", AccessRequestRules.DisplayReference("125478569"));
    }

    [Fact]
    public void Temporary_passwords_meet_the_professional_rules()
    {
        var rules = new ProfessionalPasswordRules(CommonPasswordList.FromJson(new MemoryStream("[\"motdepasse1\"]"u8.ToArray())));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            var password = AccessRequestRules.NewTemporaryPassword();
            Assert.Empty(rules.Check(password));
            Assert.Equal(14, password.Length);
            seen.Add(password);
        }

        Assert.Equal(200, seen.Count);
    }

    [Fact]
    public void New_usernames_have_the_form_of_an_address_and_no_name()
    {
        var username = AccessRequestRules.NewUsername();
        Assert.Empty(ProfessionalUsernameRules.Check(username));
        Assert.EndsWith("@" + AccessRequestRules.UsernameDomain, username, StringComparison.Ordinal);
    }

    [Fact]
    public void The_confirmation_link_works_with_its_secret_only_while_submitted_and_for_seven_days()
    {
        var hasher = new KeyedHasher(new byte[32]);
        var now = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
        var request = new AccessRequest { Id = Guid.NewGuid(), State = AccessRequestState.Submitted };
        var secret = request.IssueConfirmation(hasher, now);

        Assert.True(request.ConfirmationOpen(hasher, secret, now.AddDays(7).AddSeconds(-1)));
        Assert.False(request.ConfirmationOpen(hasher, secret, now.AddDays(7)));
        Assert.False(request.ConfirmationOpen(hasher, secret + "x", now));
        Assert.DoesNotContain(secret, Convert.ToBase64String(request.ConfirmationHash), StringComparison.Ordinal);
        request.State = AccessRequestState.Confirmed;
        Assert.False(request.ConfirmationOpen(hasher, secret, now));
    }
}

public sealed class PhoneRulesTests
{
    [Theory]
    [InlineData("514 555-0123", "+15145550123")]
    [InlineData("(514) 555-0123", "+15145550123")]
    [InlineData("+1 418.555.0199", "+14185550199")]
    [InlineData("18195550100", "+18195550100")]
    public void North_American_numbers_are_stored_in_E164(string typed, string stored)
    {
        Assert.Equal(stored, PhoneRules.Normalize(typed));
        Assert.Equal(stored[2..5] + " " + stored[5..8] + "-" + stored[8..], PhoneRules.Display(stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("555-0123")]
    [InlineData("014 555-0123")]
    [InlineData("514 155-0123")]
    [InlineData("514 555-0123 poste 12")]
    [InlineData("514\u200F5550123")]
    public void Other_numbers_are_refused(string typed) => Assert.Null(PhoneRules.Normalize(typed));

    [Theory]
    [InlineData(null, true)]
    [InlineData("1234", true)]
    [InlineData("1234567", false)]
    [InlineData("12a", false)]
    public void Extensions_are_up_to_six_digits(string? extension, bool valid) => Assert.Equal(valid, PhoneRules.ExtensionIsValid(extension));
}
