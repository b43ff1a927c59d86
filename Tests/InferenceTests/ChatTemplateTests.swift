@testable import Inference
import Testing

/// The default system turn of a Jinja chat template, as Hugging Face's `apply_chat_template`
/// renders it when the chat has no system message.
@Suite struct ChatTemplateTests {
    /// The no-tools branch of Qwen2.5's template, as stored in its GGUF (`tokenizer.chat_template`).
    static let qwen = """
        {%- if messages[0]['role'] == 'system' %}
            {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}
        {%- else %}
            {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}
        {%- endif %}
        {%- for message in messages %}
            {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
        {%- endfor %}
        """

    @Test("The literal default system message is found; templates without one have none")
    func defaultSystem() {
        #expect(ChatTemplate.defaultSystemMessage(in: Self.qwen) == "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.")
        #expect(ChatTemplate.defaultSystemMessage(in: "chatml") == nil)
        // SmolLM2's GGUF writes the newlines of the literal raw, not as escapes.
        let smol = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}{% endif %}"
        #expect(ChatTemplate.defaultSystemMessage(in: smol) == "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        #expect(ChatTemplate.defaultSystemMessage(in: "{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}") == nil)
    }

    @Test("EvalPlus's prompt renders exactly as Hugging Face renders it for Qwen2.5 (system default, continued answer)")
    func evalPlusPromptForQwen() throws {
        let user = "Please provide a self-contained Python script that solves the following problem in a markdown code block:\n```\ndef f():\n    pass\n```\n"
        let answer = "Below is a Python script with a self-contained function that solves the problem and passes corresponding tests:\n```python\n"
        let text = try ChatTemplate(source: Self.qwen).prompt(for: .chat([.user(user), .assistant(answer)]))
        #expect(text == "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n" + answer)
    }

    @Test("A chat with its own system message is left as it is")
    func explicitSystemKept() throws {
        let text = try ChatTemplate(source: Self.qwen).prompt(for: .chat([.system("Be brief."), .user("Hi")]))
        #expect(text == "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
    }
}
