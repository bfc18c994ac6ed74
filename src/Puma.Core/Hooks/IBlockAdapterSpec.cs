namespace Puma.Hooks;

/// <summary>Options of a block adapter, validated at <c>Build()</c> and turned into a module.</summary>
public interface IBlockAdapterSpec
{
    /// <summary>Every problem with the options for this backbone (empty when valid).</summary>
    IEnumerable<string> Validate(BackboneShape backbone);

    /// <summary>Creates the adapter for the backbone.</summary>
    BlockAdapter Create(BackboneShape backbone);
}
