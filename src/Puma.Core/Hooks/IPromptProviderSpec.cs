namespace Puma.Hooks;

/// <summary>Options of a prompt provider, validated at <c>Build()</c> and turned into a module.</summary>
public interface IPromptProviderSpec
{
    /// <summary>Every problem with the options for this backbone (empty when valid).</summary>
    IEnumerable<string> Validate(BackboneShape backbone);

    /// <summary>Creates the provider for the backbone.</summary>
    PromptProvider Create(BackboneShape backbone);
}
