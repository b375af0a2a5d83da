namespace Solara.Orleans.Gateway.Pages;

/// <summary>
/// The light Jupyter theme as CSS custom properties: the <c>--jp-*</c> variables that
/// @jupyter-widgets/controls styles read (fonts, colours, borders), plus the page's own typography.
/// </summary>
internal static class JupyterTheme
{
    public const string Css = """
        :root {
          --jp-ui-font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          --jp-content-font-family: var(--jp-ui-font-family);
          --jp-code-font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
          --jp-ui-font-size0: 0.83333em;
          --jp-ui-font-size1: 14px;
          --jp-ui-font-size2: 1.2em;
          --jp-ui-font-size3: 1.44em;
          --jp-content-font-size1: 15px;
          --jp-code-font-size: 13px;
          --jp-content-line-height: 1.6;

          --jp-ui-font-color0: rgba(0, 0, 0, 1);
          --jp-ui-font-color1: rgba(0, 0, 0, 0.87);
          --jp-ui-font-color2: rgba(0, 0, 0, 0.6);
          --jp-ui-font-color3: rgba(0, 0, 0, 0.38);
          --jp-ui-inverse-font-color0: rgba(255, 255, 255, 1);
          --jp-ui-inverse-font-color1: rgba(255, 255, 255, 1);
          --jp-ui-inverse-font-color2: rgba(255, 255, 255, 0.7);
          --jp-inverse-ui-font-color0: var(--jp-ui-inverse-font-color0);
          --jp-inverse-ui-font-color1: var(--jp-ui-inverse-font-color1);
          --jp-content-font-color0: rgba(0, 0, 0, 1);
          --jp-content-font-color1: rgba(0, 0, 0, 0.87);
          --jp-content-font-color2: rgba(0, 0, 0, 0.6);
          --jp-content-link-color: #1565c0;

          --jp-layout-color0: #ffffff;
          --jp-layout-color1: #ffffff;
          --jp-layout-color2: #eeeeee;
          --jp-layout-color3: #bdbdbd;
          --jp-layout-color4: #757575;

          --jp-border-width: 1px;
          --jp-border-radius: 4px;
          --jp-border-color0: #9e9e9e;
          --jp-border-color1: #bdbdbd;
          --jp-border-color2: #e0e0e0;
          --jp-border-color3: #eeeeee;

          --jp-brand-color0: #0d47a1;
          --jp-brand-color1: #1976d2;
          --jp-brand-color2: #64b5f6;
          --jp-brand-color3: #bbdefb;
          --jp-accent-color0: #1b5e20;
          --jp-accent-color1: #388e3c;
          --jp-accent-color2: #81c784;
          --jp-warn-color0: #e65100;
          --jp-warn-color1: #f57c00;
          --jp-warn-color2: #ffb74d;
          --jp-error-color0: #b71c1c;
          --jp-error-color1: #d32f2f;
          --jp-error-color2: #e57373;
          --jp-error-color3: #ffebee;
          --jp-success-color0: #1b5e20;
          --jp-success-color1: #388e3c;
          --jp-success-color2: #81c784;
          --jp-info-color0: #006064;
          --jp-info-color1: #0097a7;
          --jp-info-color2: #4dd0e1;

          --jp-input-active-background: var(--jp-layout-color1);
          --jp-input-active-border-color: var(--jp-brand-color1);
          --jp-input-border-color: var(--jp-border-color1);
          --jp-cell-editor-background: #f7f7f7;
          --jp-rendermime-error-background: #fdd;

          --solara-page-width: 60rem;
          --solara-bar-height: 3.25rem;
        }

        *, *::before, *::after { box-sizing: border-box; }

        html {
          color-scheme: light;
          -webkit-text-size-adjust: 100%;
        }

        body {
          margin: 0;
          background: #f6f7f9;
          color: var(--jp-content-font-color1);
          font-family: var(--jp-content-font-family);
          font-size: var(--jp-content-font-size1);
          line-height: var(--jp-content-line-height);
        }

        a { color: var(--jp-content-link-color); }
        a:hover { text-decoration-thickness: 2px; }
        a:focus-visible, button:focus-visible { outline: 2px solid var(--jp-brand-color1); outline-offset: 2px; }

        h1, h2, h3 { line-height: 1.25; margin: 0 0 0.5em; }
        code, pre { font-family: var(--jp-code-font-family); font-size: var(--jp-code-font-size); }
        pre { line-height: 1.45; overflow-x: auto; }

        .solara-bar {
          position: sticky;
          top: 0;
          z-index: 100;
          display: flex;
          align-items: center;
          gap: 1rem;
          min-height: var(--solara-bar-height);
          padding: 0 1.25rem;
          background: var(--jp-brand-color0);
          color: var(--jp-ui-inverse-font-color0);
          box-shadow: 0 1px 4px rgba(0, 0, 0, 0.2);
        }

        .solara-bar-title {
          margin: 0;
          font-size: 1.15rem;
          font-weight: 600;
          white-space: nowrap;
          overflow: hidden;
          text-overflow: ellipsis;
        }

        .solara-bar a {
          color: var(--jp-ui-inverse-font-color0);
          text-decoration: none;
        }

        .solara-bar a:hover { text-decoration: underline; }

        .solara-bar-back {
          flex: none;
          font-size: 0.95rem;
          opacity: 0.9;
        }

        .solara-page {
          max-width: var(--solara-page-width);
          margin: 0 auto;
          padding: 1.5rem 1.25rem 3rem;
        }

        .solara-app {
          padding: 1.25rem;
          border: 1px solid var(--jp-border-color2);
          border-radius: 8px;
          background: var(--jp-layout-color0);
        }
        """;
}
