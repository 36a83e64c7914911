using System.Text;
using System.Text.Json;
using Gantry.Engine.Constraints;

namespace Gantry.Engine.Tests.Constraints;

public sealed class JsonSchemaGrammarTests
{
    private static bool Accepts(string schema, string json) =>
        ConstraintGrammars.FromJsonSchema(schema).Accepts(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"name": "Ann", "age": 30}""", true)]
    [InlineData("""{"name": "Ann", "age": 30, "tags": ["a", "b"]}""", true)]
    [InlineData("""{ "name" : "Ann" ,"age":0 }""", true)]
    [InlineData("""{"age": 30, "name": "Ann"}""", false)]
    [InlineData("""{"name": "Ann"}""", false)]
    [InlineData("""{"name": "Ann", "age": 30, "extra": 1}""", false)]
    [InlineData("""{"name": "Ann", "age": 151}""", false)]
    [InlineData("""{"name": "Ann", "age": -1}""", false)]
    [InlineData("""{"name": "Ann", "age": 3.5}""", false)]
    [InlineData("""{"name": "", "age": 30}""", false)]
    [InlineData("""{"name": "Ann", "age": 30, "tags": ["a", "b", "c", "d"]}""", false)]
    public void Object_RequiredOptionalAndBounds_AreEnforced(string json, bool expected)
    {
        const string Schema = """
            {"type": "object", "additionalProperties": false, "required": ["name", "age"],
             "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 10},
                            "age": {"type": "integer", "minimum": 0, "maximum": 150},
                            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3}}}
            """;
        Assert.Equal(expected, Accepts(Schema, json));
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("""{"b": 1}""", true)]
    [InlineData("""{"a": 1, "c": true}""", true)]
    [InlineData("""{"a": 1, "b": 2, "c": false}""", true)]
    [InlineData("""{"c": true, "a": 1}""", false)]
    [InlineData("""{"a": 1, "a": 1}""", false)]
    [InlineData("""{"zz": "anything"}""", true)]
    [InlineData("""{"a": 1, "zz": [1]}""", true)]
    public void Object_OptionalOnly_EachAtMostOnceInOrder_ExtrasWithOtherKeys(string json, bool expected)
    {
        const string Schema = """
            {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}, "c": {"type": "boolean"}}}
            """;
        Assert.Equal(expected, Accepts(Schema, json));
    }

    [Fact]
    public void Object_ExtraKeys_NeverRepeatDeclaredNames()
    {
        const string Schema = """{"type": "object", "properties": {"ab": {"type": "null"}}, "additionalProperties": {"type": "integer"}}""";
        Assert.True(Accepts(Schema, """{"ab": null, "a": 1, "abc": 2, "b": 3}"""));
        Assert.False(Accepts(Schema, """{"ab": null, "ab": 1}"""));
        Assert.False(Accepts(Schema, """{"ab": null, "x": "s"}"""));
        Assert.True(Accepts(Schema, """{"": 5}"""));
    }

    [Fact]
    public void RefsAndDefs_Recursive_AreFollowed()
    {
        const string Schema = """
            {"$defs": {"node": {"type": "object", "required": ["v"], "additionalProperties": false,
                                "properties": {"v": {"type": "integer"}, "next": {"anyOf": [{"$ref": "#/$defs/node"}, {"type": "null"}]}}}},
             "$ref": "#/$defs/node"}
            """;
        Assert.True(Accepts(Schema, """{"v": 1, "next": {"v": 2, "next": {"v": 3}}}"""));
        Assert.True(Accepts(Schema, """{"v": 1, "next": null}"""));
        Assert.False(Accepts(Schema, """{"v": 1, "next": {"w": 2}}"""));
    }

    [Theory]
    [InlineData("""{"enum": ["red", 3, null, {"a": [1]}]}""", "\"red\"", true)]
    [InlineData("""{"enum": ["red", 3, null, {"a": [1]}]}""", "{\"a\":[1]}", true)]
    [InlineData("""{"enum": ["red", 3, null, {"a": [1]}]}""", "\"blue\"", false)]
    [InlineData("""{"const": "x"}""", "\"x\"", true)]
    [InlineData("""{"type": ["string", "null"]}""", "null", true)]
    [InlineData("""{"type": ["string", "null"]}""", "1", false)]
    [InlineData("""{"type": "string", "format": "date"}""", "\"2024-02-28\"", true)]
    [InlineData("""{"type": "string", "format": "date"}""", "\"2024-02-30\"", false)]
    [InlineData("""{"type": "string", "format": "date-time"}""", "\"2024-12-31T23:59:59.5+01:00\"", true)]
    [InlineData("""{"type": "string", "format": "uuid"}""", "\"123e4567-e89b-12d3-a456-426614174000\"", true)]
    [InlineData("""{"type": "string", "pattern": "^[A-Z]{2}\\d{3}$"}""", "\"AB123\"", true)]
    [InlineData("""{"type": "string", "pattern": "^[A-Z]{2}\\d{3}$"}""", "\"AB1234\"", false)]
    [InlineData("""{"type": "string", "pattern": "\\d{3}"}""", "\"xx123yy\"", true)]
    [InlineData("""{"type": "number", "minimum": -2, "maximum": 3}""", "-1.5", true)]
    [InlineData("""{"type": "number", "minimum": -2, "maximum": 3}""", "3", true)]
    [InlineData("""{"type": "number", "minimum": -2, "maximum": 3}""", "3.5", false)]
    [InlineData("""{"type": "number", "minimum": -2, "maximum": 3}""", "-2.5", false)]
    [InlineData("""{"type": "number", "exclusiveMinimum": 0}""", "0", false)]
    [InlineData("""{"type": "number", "exclusiveMinimum": 0}""", "0.001", true)]
    [InlineData("""{"type": "integer", "exclusiveMaximum": -5}""", "-6", true)]
    [InlineData("""{"type": "integer", "exclusiveMaximum": -5}""", "-5", false)]
    [InlineData("""{"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "items": false}""", "[1, \"a\"]", true)]
    [InlineData("""{"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "items": false}""", "[1, \"a\", 2]", false)]
    [InlineData("""{"type": "array", "minItems": 2, "items": {"type": "boolean"}}""", "[true]", false)]
    [InlineData("""{"type": "array", "minItems": 2, "items": {"type": "boolean"}}""", "[true,false,true]", true)]
    [InlineData("""{"type": "string", "maxLength": 2}""", "\"\\u00e9\\n\"", true)]
    [InlineData("""{"type": "string", "maxLength": 2}""", "\"abc\"", false)]
    [InlineData("""{}""", "[{\"a\": [true, null, -0.5e3]}]", true)]
    public void Keywords_AcceptExactlyTheirValues(string schema, string json, bool expected) =>
        Assert.Equal(expected, Accepts(schema, json));

    [Fact]
    public void Whitespace_IsBounded()
    {
        const string Schema = """{"type": "object", "properties": {"a": {"type": "integer"}}}""";
        Assert.True(Accepts(Schema, "{\n  \"a\": 1\n}"));
        Assert.False(Accepts(Schema, "{\n\n  \"a\": 1}"));
        Assert.False(Accepts(Schema, "{\n" + new string(' ', 21) + "\"a\": 1}"));
    }

    [Fact]
    public void IntegerRanges_MatchExactlyTheirIntegers()
    {
        var rng = new Random(11);
        for (var round = 0; round < 60; round++)
        {
            long? lo = rng.Next(4) == 0 ? null : rng.Next(-1200, 1200);
            long? hi = rng.Next(4) == 0 ? null : (lo ?? -1200) + rng.Next(0, 2500);
            var expression = IntegerRangeGbnf.Range(lo, hi);
            if (expression is null)
            {
                Assert.True(lo > hi);
                continue;
            }
            var g = Grammar.Parse("root ::= " + expression);
            for (var v = -2600; v <= 2600; v += round % 2 == 0 ? 3 : 17)
                Assert.True((v >= (lo ?? long.MinValue) && v <= (hi ?? long.MaxValue)) == g.Accepts(Encoding.UTF8.GetBytes(v.ToString())), $"[{lo}, {hi}] on {v}");
            Assert.False(g.Accepts("007"u8));
            Assert.False(g.Accepts("-0"u8));
        }
    }

    [Theory]
    [InlineData("""{"type": "array", "uniqueItems": true}""", "uniqueItems", "#/uniqueItems")]
    [InlineData("""{"properties": {"a": {"not": {"type": "null"}}}}""", "not", "#/properties/a/not")]
    [InlineData("""{"type": "integer", "multipleOf": 3}""", "multipleOf", "#/multipleOf")]
    [InlineData("""{"type": "object", "patternProperties": {"^x": {}}}""", "patternProperties", "#/patternProperties")]
    [InlineData("""{"type": "string", "format": "hostname"}""", "format: hostname", "#/format")]
    [InlineData("""{"type": "number", "minimum": 0.5}""", "minimum", "#/minimum")]
    [InlineData("""{"allOf": [{"type": "string"}, {"maxLength": 3}]}""", "allOf", "#/allOf")]
    [InlineData("""{"$ref": "https://example.com/s.json"}""", "$ref", "#/$ref")]
    [InlineData("""{"$ref": "#/$defs/a", "maxLength": 3, "$defs": {"a": {}}}""", "$ref alongside maxLength", "#/maxLength")]
    [InlineData("""{"items": {"properties": {"p q": {"if": {}}}}}""", "if", "#/items/properties/p q/if")]
    public void Unsupported_IsNamedWithItsPath(string schema, string feature, string path)
    {
        var e = Assert.Throws<UnsupportedSchemaFeatureException>(() => ConstraintGrammars.FromJsonSchema(schema));
        Assert.Equal(feature, e.Feature);
        Assert.Equal(path, e.Path);
    }

    [Theory]
    [InlineData("""{"type": "strin"}""", "#/type", "unknown type")]
    [InlineData("""{"$ref": "#/$defs/missing"}""", "#/$ref", "does not exist")]
    [InlineData("""{"type": "string", "minLength": -1}""", "#/minLength", "non-negative")]
    [InlineData("""{"type": "array", "minItems": 3, "maxItems": 2}""", "#/maxItems", "below")]
    [InlineData("""{"properties": {"a": false}, "required": ["a"]}""", "#/properties/a", "matches no value")]
    [InlineData("""{"type": "string", "pattern": "(a"}""", "#/pattern", "missing ')'")]
    [InlineData("""{"$ref": "#"}""", "#", "recurse")]
    [InlineData("""[1]""", "#", "object or a boolean")]
    [InlineData("""{"type": """, "#", "not valid JSON")]
    public void Invalid_IsASchemaErrorWithPath(string schema, string path, string problem)
    {
        var e = Assert.Throws<SchemaException>(() => ConstraintGrammars.FromJsonSchema(schema));
        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void AnyJsonObject_AcceptsObjectsOnly()
    {
        var g = ConstraintGrammars.AnyJsonObject();
        Assert.True(g.Accepts("""{"a": {"b": [1, "x", null]}}"""u8));
        Assert.False(g.Accepts("[1]"u8));
        Assert.False(g.Accepts("\"s\""u8));
    }

    [Fact]
    public void Choices_AcceptOnlyThem()
    {
        var g = ConstraintGrammars.FromChoices(["yes", "no", "maybe \"so\""]);
        Assert.True(g.Accepts("no"u8));
        Assert.True(g.Accepts("maybe \"so\""u8));
        Assert.False(g.Accepts("ye"u8));
    }

    [Fact]
    public void Generated_IsReadableGbnf()
    {
        var text = JsonSchemaGrammar.ToGbnf(JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"integer"}},"required":["x"],"additionalProperties":false}""").RootElement);
        Assert.StartsWith("root ::= ", text);
        Assert.Contains("space ::= ", text);
    }
}
