<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Language, theme, default backbone, image cache and more.</source>
        <translation>Sprache, Farbschema, Standard-Basismodell, Zwischenspeicher und mehr.</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Wie das System ({language})</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Aussehen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Default backbone</source>
        <translation>Standard-Basismodell</translation>
    </message>
    <message>
        <source>The pretrained network a new project starts with. You can change it per project in step 2.</source>
        <translation>Das vortrainierte Netz, mit dem ein neues Projekt beginnt. Sie können es für jedes Projekt in Schritt 2 ändern.</translation>
    </message>
    <message>
        <source>Folder for new runs</source>
        <translation>Ordner für neue Trainingsläufe</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>Keep new runs in the Finetune Studio folder in your documents.</source>
        <translation>Neue Trainingsläufe im Ordner „Finetune Studio“ in Ihren Dokumenten speichern.</translation>
    </message>
    <message>
        <source>New projects and runs</source>
        <translation>Neue Projekte und Trainingsläufe</translation>
    </message>
    <message>
        <source>Default &amp;backbone:</source>
        <translation>Standard-&amp;Basismodell:</translation>
    </message>
    <message>
        <source>Keep new runs in:</source>
        <translation>Neue Trainingsläufe in:</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Wird gemessen…</translation>
    </message>
    <message>
        <source>Most disk space for resized photos, in GB</source>
        <translation>Höchstens so viel Speicherplatz für verkleinerte Fotos, in GB</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>&amp;Clear…</source>
        <translation>&amp;Leeren…</translation>
    </message>
    <message>
        <source>Delete the resized photos and features the app keeps to be faster. Your photos are not touched.</source>
        <translation>Löscht die verkleinerten Fotos und Merkmale, die die App aufbewahrt, um schneller zu sein. Ihre Fotos bleiben unberührt.</translation>
    </message>
    <message>
        <source>Image cache</source>
        <translation>Zwischenspeicher für Bilder</translation>
    </message>
    <message>
        <source>To start faster, the app keeps resized copies of your photos and what the backbone saw in them. Clearing it is safe: the next scan and training take longer once.</source>
        <translation>Damit es schneller geht, bewahrt die App verkleinerte Kopien Ihrer Fotos auf und was das Basismodell darin erkannt hat. Das Leeren ist unbedenklich: Das nächste Einlesen und das nächste Training dauern einmalig länger.</translation>
    </message>
    <message>
        <source>In use:</source>
        <translation>Belegt:</translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation>&amp;Höchstens:</translation>
    </message>
    <message>
        <source>&amp;Reset all settings…</source>
        <translation>Alle Einstellungen &amp;zurücksetzen…</translation>
    </message>
    <message>
        <source>{title} (standard)</source>
        <translation>{title} (Standard)</translation>
    </message>
    <message>
        <source>{language} is used the next time you start Finetune Studio.</source>
        <translation>{language} wird beim nächsten Start von Finetune Studio verwendet.</translation>
    </message>
    <message>
        <source>Keep new runs in</source>
        <translation>Neue Trainingsläufe speichern in</translation>
    </message>
    <message>
        <source>Cannot use this folder</source>
        <translation>Ordner nicht verwendbar</translation>
    </message>
    <message>
        <source>Finetune Studio cannot write to {folder}. Choose another folder.</source>
        <translation>Finetune Studio kann nicht in {folder} schreiben. Bitte wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Clear the image cache?</source>
        <translation>Zwischenspeicher für Bilder leeren?</translation>
    </message>
    <message>
        <source>This deletes the resized photos and features the app keeps to be faster. Your photos, projects and models are not touched. The next scan and training take longer once.</source>
        <translation>Dabei werden die verkleinerten Fotos und Merkmale gelöscht, die die App aufbewahrt, um schneller zu sein. Ihre Fotos, Projekte und Modelle bleiben unberührt. Das nächste Einlesen und das nächste Training dauern einmalig länger.</translation>
    </message>
    <message>
        <source>Reset all settings?</source>
        <translation>Alle Einstellungen zurücksetzen?</translation>
    </message>
    <message>
        <source>Language, theme, default backbone, cache limit and the runs folder go back to their defaults. Your projects, photos and models are kept.</source>
        <translation>Sprache, Farbschema, Standard-Basismodell, Grenze des Zwischenspeichers und der Ordner für Trainingsläufe werden auf ihre Standardwerte zurückgesetzt. Ihre Projekte, Fotos und Modelle bleiben erhalten.</translation>
    </message>
    <message>
        <source>Standard f&amp;older</source>
        <translation>Standard&amp;ordner</translation>
    </message>
    <message>
        <source>{total} in all: resized photos {images}, features {features}, scans {scans}</source>
        <translation>{total} insgesamt: verkleinerte Fotos {images}, Merkmale {features}, Einlese-Ergebnisse {scans}</translation>
    </message>
</context>
</TS>
