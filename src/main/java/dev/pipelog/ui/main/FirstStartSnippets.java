package dev.pipelog.ui.main;

import java.net.URI;

/**
 * The ready-to-paste commands the empty window shows for sending a first record to this listener.
 * Each names a pipeline, so the record shows up in the Pipelines view instead of belonging to none.
 * FirstStartPythonSnippetTest runs the Python one with the real python3, with and without the client.
 */
public final class FirstStartSnippets {
    /** The pipeline the snippets' records belong to. */
    public static final String PIPELINE_ID = "my_pipeline";

    private FirstStartSnippets() {
    }

    public static String curl(String listenerUrl) {
        return "curl -X POST " + listenerUrl + "/api/logs -H 'Content-Type: application/json' \\\n"
                + "  -d '{\"level\": \"INFO\", \"message\": \"hello from curl\", \"pipeline_id\": \"" + PIPELINE_ID + "\"}'";
    }

    /**
     * Pipelog's Python client when it is installed (batching, spooling, runs with execution ids);
     * otherwise the standard library's HTTPHandler, which needs nothing installed.
     */
    public static String python(String listenerUrl) {
        URI uri = URI.create(listenerUrl);
        String hostPort = uri.getHost() + ":" + uri.getPort();
        return String.join("\n",
                "import logging",
                "try:  # Pipelog's client: pip install ./clients/python (from Pipelog's source)",
                "    import pipelog",
                "    pipelog.configure(url=\"http://" + hostPort + "\", pipeline_id=\"" + PIPELINE_ID + "\", level=\"INFO\")",
                "except ImportError:  # nothing installed: the standard library's HTTPHandler",
                "    import logging.handlers",
                "    logging.getLogger().addHandler(logging.handlers.HTTPHandler(\"" + hostPort
                        + "\", \"/api/logs\", method=\"POST\"))",
                "    logging.getLogger().setLevel(logging.INFO)",
                "logging.getLogger(\"" + PIPELINE_ID + "\").info(\"hello from Python\", extra={\"pipeline_id\": \""
                        + PIPELINE_ID + "\"})");
    }
}
