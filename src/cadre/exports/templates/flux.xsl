<?xml version="1.0" encoding="utf-8"?>
<!-- The page a browser shows for an Atom feed of the site (cadre.exports.feeds): what a feed is, its subscription
     address, how to subscribe, then its entries. Every text comes from the feed as text (xsl:value-of): nothing in
     a feed becomes markup. The one script turns the relative subscription address into the full one to copy. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:a="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="a">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>

  <xsl:template match="/a:feed">
    <html lang="fr">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="a:title"/> (flux Atom)</title>
        <style>
          body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff;
                 max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
          h1 { font-size: 1.6rem; line-height: 1.25; }
          h2 { font-size: 1.25rem; margin-top: 2rem; }
          h3 { font-size: 1.05rem; margin-bottom: .25rem; }
          a { color: #1a3d8f; }
          .abonnement { border: 2px solid #3f51b5; border-radius: .4rem; padding: .75rem 1rem; background: #f3f4fb; }
          .adresse { display: block; font-family: ui-monospace, monospace; word-break: break-all; margin: .5rem 0; }
          .date, .categorie { color: #444; font-size: .9rem; }
          ol.entrees { padding-left: 1.25rem; }
          ol.entrees li { margin-bottom: 1rem; }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="a:title"/></h1>
          <p><xsl:value-of select="a:subtitle"/></p>
          <section class="abonnement" aria-labelledby="sabonner">
            <h2 id="sabonner">S'abonner à ce flux</h2>
            <p>Cette page est un flux Atom : un lecteur de flux (agrégateur, ou l'extension de votre navigateur ou
              de votre messagerie) vous signale chaque nouveauté publiée ici. Pour vous abonner, copiez cette
              adresse dans votre lecteur, à l'option « Ajouter un flux » ou « S'abonner » :</p>
            <a class="adresse" id="adresse-abonnement" href="{a:link[@rel='self']/@href}">
              <xsl:value-of select="a:link[@rel='self']/@href"/>
            </a>
            <p>Cette adresse suit l'édition en vigueur : à la publication d'une nouvelle édition, ses changements
              paraissent dans le même flux, sans rien changer à votre abonnement.</p>
          </section>
          <p><a href="{a:link[@rel='alternate']/@href}">Voir les nouveautés de l'édition sur le site</a></p>
          <h2>Entrées du flux</h2>
          <xsl:choose>
            <xsl:when test="a:entry">
              <ol class="entrees">
                <xsl:for-each select="a:entry">
                  <li>
                    <h3><a href="{a:link[@rel='alternate']/@href}"><xsl:value-of select="a:title"/></a></h3>
                    <p class="date">Mis à jour le <xsl:value-of select="substring(a:updated, 9, 2)"/>/<xsl:value-of
                      select="substring(a:updated, 6, 2)"/>/<xsl:value-of select="substring(a:updated, 1, 4)"/>
                      <xsl:if test="a:category"> · <span class="categorie"><xsl:value-of
                        select="a:category/@label"/></span></xsl:if></p>
                    <p><xsl:value-of select="a:summary"/></p>
                  </li>
                </xsl:for-each>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>Ce flux ne contient aucune entrée pour l'instant (la raison est donnée sous le titre).</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <script>
          // the full address to copy (the feed gives it relative to itself when the site has no public address)
          const lien = document.getElementById("adresse-abonnement");
          if (lien) lien.textContent = lien.href;
        </script>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
