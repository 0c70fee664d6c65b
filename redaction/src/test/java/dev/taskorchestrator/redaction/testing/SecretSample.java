package dev.taskorchestrator.redaction.testing;

import java.util.List;

/**
 * A secret as it appears in text, for tests that feed every kind of secret through every output path. The
 * values are made up in the real formats.
 *
 * @param name what kind of secret ({@code github_pat}, {@code pem_private_key}, …)
 * @param text how it appears (with the words around it, such as {@code aws_secret_access_key=})
 * @param cores the parts that must not survive: the secret itself, or each line of a multi-line one
 */
public record SecretSample(String name, String text, List<String> cores) {

  public SecretSample {
    cores = List.copyOf(cores);
  }

  /** A sample whose text is the secret itself. */
  public static SecretSample of(String name, String secret) {
    return new SecretSample(name, secret, List.of(secret));
  }

  /** Every common shape the redactor knows without being told. */
  public static List<SecretSample> shapes() {
    String pem1 = "T19a6P/qVPGAmXUSLJ9m4zTwUp5dnVnb8CRLVlX9qKRlCoRUpYkS1auGGd1AKc98";
    String pem2 = "/ResTyvLcDpIEdewOzAyRqMfozaWLnq+9U91Ie97ZHB3Y1xFt+fAMj2Xhsi5fICo";
    String pem3 = "qbed2bZWWmZOIgYT46vKSmOs90rneyaw1oVrk1At";
    return List.of(
        new SecretSample("aws_secret_assignment", "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            List.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
        of("aws_secret_bare", "ErQHQwjyaxErPZDS3MoJ/aQNjCxkv5ndK0meGR0v"),
        of("aws_access_key_id", "AKIAZFBD6OF12H1I8U9K"),
        of("google_api_key", "AIzagvkZ189XdkyHTUXNoGEQUVwdW3edC2fXAnC"),
        of("github_pat", "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"),
        of("github_ghp", "ghp_3crv83GOSCTYnUsHqbRaSbiJ4rAipmBEdJKN"),
        of("github_gho", "gho_U679qWcABLf5zYmLJwxOVyKkbSTj5bZc5e6A"),
        of("stripe_sk_live", "sk_live_ImY7yYgTwmtr7YSRIFNNhnIM"),
        of("stripe_rk_live", "rk_live_SRzLpeAwufRvjRfUttSlWRQO"),
        of("hugging_face", "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"),
        new SecretSample("pem_private_key", "-----BEGIN RSA PRIVATE KEY-----\n" + pem1 + "\n" + pem2 + "\n" + pem3
            + "\n-----END RSA PRIVATE KEY-----", List.of(pem1, pem2, pem3)),
        of("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjo0MTAyNDQ0ODAwfQ"
            + ".Xq3n0cUeG1pQ8sV9wZ2tL5yR7mK4jH6dF0aB3cE1gI8"),
        of("slack_bot_token", "xoxb-176565596753-9895135649928-Q8CVrqvAghVLOFlxJjMNKryv"),
        of("anthropic_key",
            "sk-ant-api03-7XF66gD0Y4gnNScP-UNvr9CrG-f2UK0KXPsqHeW02HR0W-XZxvAGoIgTNrNBdNfbvzuzLyxNcnU-z5maqY_L7TAA"),
        of("openai_key", "sk-proj-X1dJct_Un2ZVjqShDn2khbFdodD8A6R2OEYlRhUsMp_rJbzD"),
        new SecretSample("bearer_header", "Authorization: Bearer tkn.H20gsg5oNFuApW_NlysDWGUyqAnE",
            List.of("tkn.H20gsg5oNFuApW_NlysDWGUyqAnE")),
        new SecretSample("basic_header", "Authorization: Basic ZGVwbG95OnFjSUk2Q2dGTkhsOTFLMTI=",
            List.of("ZGVwbG95OnFjSUk2Q2dGTkhsOTFLMTI")),
        new SecretSample("url_user_password", "postgres://deploy:PdBtbFyw1zfeI6@db.internal:5432/app",
            List.of("PdBtbFyw1zfeI6")),
        new SecretSample("password_assignment", "password=4hf99eNlVB0RvrXcBo", List.of("4hf99eNlVB0RvrXcBo")));
  }
}
