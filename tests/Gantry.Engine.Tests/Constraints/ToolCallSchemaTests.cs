using System.Text;
using System.Text.Json.Nodes;
using Gantry.Engine.Constraints;

namespace Gantry.Engine.Tests.Constraints;

public sealed class ToolCallSchemaTests
{
    private static readonly (string, JsonNode?)[] Tools =
    [
        ("get_weather", JsonNode.Parse("""{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": false}""")),
        ("add", JsonNode.Parse("""{"type": "object", "properties": {"xs": {"type": "array", "items": {"$ref": "#/$defs/num"}}}, "required": ["xs"], "additionalProperties": false, "$defs": {"num": {"type": "integer"}}}""")),
        ("ping", null),
    ];

    [Theory]
    [InlineData(false, """{"name": "get_weather", "arguments": {"city": "Oslo"}}""", true)]
    [InlineData(false, """{"name": "add", "arguments": {"xs": [1, 2]}}""", true)]
    [InlineData(false, """{"name": "add", "arguments": {"xs": ["1"]}}""", false)]
    [InlineData(false, """{"name": "ping", "arguments": {"any": [true]}}""", true)]
    [InlineData(false, """{"name": "nope", "arguments": {}}""", false)]
    [InlineData(false, """[{"name": "ping", "arguments": {}}]""", false)]
    [InlineData(true, """[{"name": "ping", "arguments": {}}, {"name": "get_weather", "arguments": {"city": "x"}}]""", true)]
    [InlineData(true, """[]""", false)]
    public void Build_ConstrainsNamesAndArguments(bool parallel, string reply, bool expected)
    {
        var schema = ToolCallSchema.Build(Tools, parallel).ToJsonString();
        Assert.Equal(expected, ConstraintGrammars.FromJsonSchema(schema).Accepts(Encoding.UTF8.GetBytes(reply)));
    }
}
