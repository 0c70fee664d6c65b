package dev.taskorchestrator.agents;

/**
 * One turn of the conversation sent to a model. The system prompt is not a message; it travels in
 * {@link ModelRequest#systemPrompt()}.
 */
public sealed interface Message permits UserMessage, AssistantMessage, ToolResultMessage {}
