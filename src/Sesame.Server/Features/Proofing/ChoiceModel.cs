namespace Sesame.Server.Features.Proofing;

/// <summary>One option of a radio group (<c>_Choice.cshtml</c>).</summary>
public sealed record ChoiceModel(string Name, string Value, string Label, bool Checked)
{
    public string Id => $"{Name.Replace('.', '_')}_{Value}";
}
