<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccuracyPlot</name>
    <message>
        <source>Accuracy appears here after the first epoch.</source>
        <translation>Die Genauigkeit erscheint hier nach dem ersten Durchgang.</translation>
    </message>
    <message>
        <source>Accuracy curve</source>
        <translation>Kurve der Genauigkeit</translation>
    </message>
    <message>
        <source>Training and validation accuracy per epoch, in percent</source>
        <translation>Genauigkeit auf Trainings- und Kontrollfotos pro Durchgang, in Prozent</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Durchgang</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>training photos</source>
        <translation>Trainingsfotos</translation>
    </message>
    <message>
        <source>checking photos</source>
        <translation>Kontrollfotos</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>The loss curve appears here when training starts.</source>
        <translation>Die Kurve des Fehlerwerts erscheint hier, sobald das Training beginnt.</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>Kurve des Fehlerwerts</translation>
    </message>
    <message>
        <source>Training loss per step and validation loss per epoch</source>
        <translation>Fehlerwert der Trainingsfotos pro Schritt und der Kontrollfotos pro Durchgang</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Durchgang</translation>
    </message>
    <message>
        <source>loss (lower is better)</source>
        <translation>Fehlerwert (niedriger ist besser)</translation>
    </message>
    <message>
        <source>training photos (smoothed)</source>
        <translation>Trainingsfotos (geglättet)</translation>
    </message>
    <message>
        <source>checking photos</source>
        <translation>Kontrollfotos</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <source>built in, ready offline</source>
        <translation>eingebaut, ohne Internet bereit</translation>
    </message>
    <message>
        <source>downloaded, ready offline</source>
        <translation>heruntergeladen, ohne Internet bereit</translation>
    </message>
    <message>
        <source>needs a download</source>
        <translation>muss heruntergeladen werden</translation>
    </message>
    <message>
        <source>missing: reinstall the app</source>
        <translation>fehlt: Installieren Sie die App neu</translation>
    </message>
    <message>
        <source>head only</source>
        <translation>nur Ausgabeschicht</translation>
    </message>
    <message>
        <source>last block + head</source>
        <translation>letzter Block + Ausgabeschicht</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>alles</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>eigene Auswahl</translation>
    </message>
    <message>
        <source>{n} million</source>
        <translation>{n} Millionen</translation>
    </message>
    <message>
        <source>{n} thousand</source>
        <translation>{n} Tausend</translation>
    </message>
    <message>
        <source>Step 2: Model</source>
        <translation>Schritt 2: Modell</translation>
    </message>
    <message>
        <source>&lt;h2&gt;2. The pretrained model&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;2. Das vortrainierte Modell&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Choose a &lt;b&gt;backbone&lt;/b&gt;: a network that already learned to see from millions of everyday photos. Then choose which of its layers to keep as they are (frozen).</source>
        <translation>Wählen Sie ein &lt;b&gt;Basismodell&lt;/b&gt;: ein vortrainiertes Netz, das an Millionen alltäglicher Fotos schon sehen gelernt hat. Wählen Sie dann, welche seiner Schichten bleiben, wie sie sind (eingefroren).</translation>
    </message>
    <message>
        <source>Backbones</source>
        <translation>Basismodelle</translation>
    </message>
    <message>
        <source>Loading the list of backbones…</source>
        <translation>Die Liste der Basismodelle wird geladen…</translation>
    </message>
    <message>
        <source>About the chosen backbone</source>
        <translation>Über das gewählte Basismodell</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Download the backbone&apos;s weights</source>
        <translation>Die Gewichte des Basismodells herunterladen</translation>
    </message>
    <message>
        <source>Download this backbone&apos;s pretrained weights once; then it works offline.</source>
        <translation>Laden Sie die vortrainierten Gewichte dieses Basismodells einmal herunter; danach funktioniert es ohne Internet.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the download</source>
        <translation>Herunterladen abbrechen</translation>
    </message>
    <message>
        <source>Stop the download; nothing half-downloaded is kept.</source>
        <translation>Das Herunterladen anhalten; nichts halb Heruntergeladenes wird behalten.</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Fortschritt beim Herunterladen</translation>
    </message>
    <message>
        <source>Import weights file…</source>
        <translation>Gewichtsdatei importieren…</translation>
    </message>
    <message>
        <source>Import a weights file</source>
        <translation>Eine Gewichtsdatei importieren</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>Herunterladen fehlgeschlagen</translation>
    </message>
    <message>
        <source>What failed and what to do</source>
        <translation>Was fehlgeschlagen ist und was Sie tun können</translation>
    </message>
    <message>
        <source>Use EfficientNet-Lite0 (built in)</source>
        <translation>EfficientNet-Lite0 verwenden (eingebaut)</translation>
    </message>
    <message>
        <source>Use the built-in backbone</source>
        <translation>Das eingebaute Basismodell verwenden</translation>
    </message>
    <message>
        <source>EfficientNet-Lite0 comes with the app: it needs no download.</source>
        <translation>EfficientNet-Lite0 ist in der App enthalten: Es muss nicht heruntergeladen werden.</translation>
    </message>
    <message>
        <source>Which layers learn</source>
        <translation>Welche Schichten lernen</translation>
    </message>
    <message>
        <source>Freezing preset</source>
        <translation>Vorgabe zum Einfrieren</translation>
    </message>
    <message>
        <source>Train only the new head (fastest)</source>
        <translation>Nur die neue Ausgabeschicht trainieren (am schnellsten)</translation>
    </message>
    <message>
        <source>Also fine-tune the last block</source>
        <translation>Auch den letzten Block nachtrainieren</translation>
    </message>
    <message>
        <source>Fine-tune everything (slowest)</source>
        <translation>Alles nachtrainieren (am langsamsten)</translation>
    </message>
    <message>
        <source>Custom (your own ticks below)</source>
        <translation>Eigene Auswahl (Ihre Häkchen unten)</translation>
    </message>
    <message>
        <source>Layer groups: ticked groups are frozen</source>
        <translation>Schichtgruppen: angehakte Gruppen sind eingefroren</translation>
    </message>
    <message>
        <source>Layer group (ticked = frozen)</source>
        <translation>Schichtgruppe (Häkchen = eingefroren)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Parameters that will train</source>
        <translation>Parameter, die trainiert werden</translation>
    </message>
    <message>
        <source>Estimated training time</source>
        <translation>Geschätzte Trainingsdauer</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Vorgabe:</translation>
    </message>
    <message>
        <source>{backbone}, {layers}</source>
        <translation>{backbone}, {layers}</translation>
    </message>
    <message>
        <source>Could not load the backbones: {error}</source>
        <translation>Die Basismodelle konnten nicht geladen werden: {error}</translation>
    </message>
    <message>
        <source>download {mb} MB</source>
        <translation>{mb} MB herunterladen</translation>
    </message>
    <message>
        <source>{title}
    {millions} M parameters · {state}</source>
        <translation>{title}
    {millions} Mio. Parameter · {state}</translation>
    </message>
    <message>
        <source>{title}, {state}</source>
        <translation>{title}, {state}</translation>
    </message>
    <message>
        <source>&lt;i&gt;Loading the backbones…&lt;/i&gt;</source>
        <translation>&lt;i&gt;Die Basismodelle werden geladen…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>about {ms} ms per photo on this computer</source>
        <translation>etwa {ms} ms pro Foto auf diesem Computer</translation>
    </message>
    <message>
        <source>measuring on this computer…</source>
        <translation>wird auf diesem Computer gemessen…</translation>
    </message>
    <message>
        <source>included with the app</source>
        <translation>in der App enthalten</translation>
    </message>
    <message>
        <source>{mb} MB download</source>
        <translation>{mb} MB zum Herunterladen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>{millions} million parameters with its ImageNet classifier (a new head for your categories replaces it), {size}</source>
        <translation>{millions} Millionen Parameter samt seiner ImageNet-Ausgabeschicht (eine neue Ausgabeschicht für Ihre Kategorien ersetzt sie), {size}</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>{gflops} billion operations per photo; {speed}</source>
        <translation>{gflops} Milliarden Rechenschritte pro Foto; {speed}</translation>
    </message>
    <message>
        <source>ImageNet accuracy</source>
        <translation>Genauigkeit auf ImageNet</translation>
    </message>
    <message>
        <source>{pct}% (first guess right, 1000 everyday things)</source>
        <translation>{pct} % (erste Antwort richtig, 1000 Alltagsdinge)</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>Eingabegröße</translation>
    </message>
    <message>
        <source>{size} × {size} pixels</source>
        <translation>{size} × {size} Pixel</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Download ({mb} MB)</source>
        <translation>Herunterladen ({mb} MB)</translation>
    </message>
    <message>
        <source>The built-in backbone needs no weights file.</source>
        <translation>Das eingebaute Basismodell braucht keine Gewichtsdatei.</translation>
    </message>
    <message>
        <source>For computers without internet: choose the backbone&apos;s weights file (.pth or .safetensors) copied from elsewhere.</source>
        <translation>Für Computer ohne Internet: Wählen Sie die Gewichtsdatei des Basismodells (.pth oder .safetensors), die Sie von einem anderen Computer kopiert haben.</translation>
    </message>
    <message>
        <source>Looking at the layers…</source>
        <translation>Die Schichten werden untersucht…</translation>
    </message>
    <message>
        <source>Could not build {name}: {error}</source>
        <translation>{name} konnte nicht aufgebaut werden: {error}</translation>
    </message>
    <message>
        <source>new: names your categories, always trains</source>
        <translation>neu: benennt Ihre Kategorien, wird immer trainiert</translation>
    </message>
    <message>
        <source>frozen: kept as pretrained</source>
        <translation>eingefroren: bleibt wie vortrainiert</translation>
    </message>
    <message>
        <source>learns</source>
        <translation>lernt</translation>
    </message>
    <message>
        <source>&lt;b&gt;{trainable} of {total} parameters will train&lt;/b&gt; ({pct}%).</source>
        <translation>&lt;b&gt;{trainable} von {total} Parametern werden trainiert&lt;/b&gt; ({pct} %).</translation>
    </message>
    <message>
        <source>{train} + {val} photos</source>
        <translation>{train} + {val} Fotos</translation>
    </message>
    <message>
        <source>100 photos</source>
        <translation>100 Fotos</translation>
    </message>
    <message>
        <source>Rough time for {who} on this computer: about {prepare} to look at the photos once through the frozen layers, then {epoch} per epoch.</source>
        <translation>Ungefähre Dauer für {who} auf diesem Computer: etwa {prepare}, um die Fotos einmal durch die eingefrorenen Schichten zu schicken, danach {epoch} pro Durchgang.</translation>
    </message>
    <message>
        <source>Rough time for {who} on this computer: about {epoch} per epoch.</source>
        <translation>Ungefähre Dauer für {who} auf diesem Computer: etwa {epoch} pro Durchgang.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Downloading {title}…</source>
        <translation>{title} wird heruntergeladen…</translation>
    </message>
    <message>
        <source>{done} of {total} MB · {speed} MB/s</source>
        <translation>{done} von {total} MB · {speed} MB/s</translation>
    </message>
    <message>
        <source> · {time} left</source>
        <translation> · noch {time}</translation>
    </message>
    <message>
        <source>{done} MB · {speed} MB/s</source>
        <translation>{done} MB · {speed} MB/s</translation>
    </message>
    <message>
        <source>{title} is ready offline.</source>
        <translation>{title} ist jetzt ohne Internet bereit.</translation>
    </message>
    <message>
        <source>Download cancelled; nothing was kept.</source>
        <translation>Herunterladen abgebrochen; nichts wurde behalten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The download of {title} failed.&lt;/b&gt; {why} Or choose a built-in backbone such as EfficientNet-Lite0: it works offline.</source>
        <translation>&lt;b&gt;Das Herunterladen von {title} ist fehlgeschlagen.&lt;/b&gt; {why} Oder wählen Sie ein eingebautes Basismodell wie EfficientNet-Lite0: Es funktioniert ohne Internet.</translation>
    </message>
    <message>
        <source>Import the backbone&apos;s weights</source>
        <translation>Die Gewichte des Basismodells importieren</translation>
    </message>
    <message>
        <source>Weights files (*.pth *.pt *.bin *.safetensors);;All files (*)</source>
        <translation>Gewichtsdateien (*.pth *.pt *.bin *.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Imported the weights of {title}.</source>
        <translation>Die Gewichte von {title} wurden importiert.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Import failed:&lt;/b&gt; {error}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Importieren fehlgeschlagen:&lt;/b&gt; {error}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>{file} wird geprüft…</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <source>Step 3: Train</source>
        <translation>Schritt 3: Training</translation>
    </message>
    <message>
        <source>&lt;h2&gt;3. Train&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;3. Training&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Durchgänge</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Automatic (recommended)</source>
        <translation>Automatisch (empfohlen)</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>Bildgröße</translation>
    </message>
    <message>
        <source>The backbone&apos;s own</source>
        <translation>Die des Basismodells</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Bildvariationen</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Show advanced settings</source>
        <translation>Erweiterte Einstellungen zeigen</translation>
    </message>
    <message>
        <source>Settings most people never need to change.</source>
        <translation>Einstellungen, die die meisten nie ändern müssen.</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>Erweiterte Einstellungen</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Fotos pro Schritt</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Gewichtsabnahme</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>Geglättete Zuordnung</translation>
    </message>
    <message>
        <source>Warm-up epochs</source>
        <translation>Aufwärm-Durchgänge</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>Verlauf der Lernrate</translation>
    </message>
    <message>
        <source>Cosine (smooth)</source>
        <translation>Kosinus (sanft)</translation>
    </message>
    <message>
        <source>One-cycle</source>
        <translation>One-Cycle</translation>
    </message>
    <message>
        <source>Stop early after</source>
        <translation>Früher aufhören nach</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source> epochs without improvement</source>
        <translation> Durchgänge ohne Verbesserung</translation>
    </message>
    <message>
        <source>Weigh small categories more</source>
        <translation>Kleine Kategorien stärker gewichten</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>Gewichtung der Kategorien</translation>
    </message>
    <message>
        <source>Augmented copies per photo</source>
        <translation>Variationen pro Foto</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Zufallsstartwert</translation>
    </message>
    <message>
        <source>Number precision</source>
        <translation>Rechengenauigkeit</translation>
    </message>
    <message>
        <source>Automatic (fastest here)</source>
        <translation>Automatisch (hier am schnellsten)</translation>
    </message>
    <message>
        <source>32-bit (fp32)</source>
        <translation>32 Bit (fp32)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Rechengerät</translation>
    </message>
    <message>
        <source>Processor (CPU)</source>
        <translation>Prozessor (CPU)</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA-Grafikkarte (CUDA)</translation>
    </message>
    <message>
        <source>Apple GPU (MPS)</source>
        <translation>Apple-Grafikchip (MPS)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>Früher aufhören</translation>
    </message>
    <message>
        <source>Augmented copies</source>
        <translation>Variationen</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Rechengenauigkeit</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause or resume training</source>
        <translation>Training pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>Pause training (the computer is free meanwhile); press again to resume.</source>
        <translation>Training pausieren (der Computer ist so lange frei); erneut drücken, um fortzusetzen.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>Training anhalten</translation>
    </message>
    <message>
        <source>Stop training; the best finished epoch is kept as the model.</source>
        <translation>Training anhalten; der beste fertige Durchgang wird als Modell behalten.</translation>
    </message>
    <message>
        <source>See the results →</source>
        <translation>Zu den Ergebnissen →</translation>
    </message>
    <message>
        <source>Go to the results</source>
        <translation>Zu den Ergebnissen gehen</translation>
    </message>
    <message>
        <source>Step 4: how good is the model?</source>
        <translation>Schritt 4: Wie gut ist das Modell?</translation>
    </message>
    <message>
        <source>What is needed before training</source>
        <translation>Was vor dem Training nötig ist</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Fortschritt des Trainings</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>Trainingsprotokoll</translation>
    </message>
    <message>
        <source>What happens during training is told here in plain words.</source>
        <translation>Was während des Trainings geschieht, steht hier in einfachen Worten.</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Training läuft…</translation>
    </message>
    <message>
        <source>Best: {pct}%</source>
        <translation>Beste: {pct} %</translation>
    </message>
    <message>
        <source>Model ready</source>
        <translation>Modell bereit</translation>
    </message>
    <message>
        <source>Press Train</source>
        <translation>Trainieren drücken</translation>
    </message>
    <message>
        <source>Trained. See the results, or change a setting and press Train again.</source>
        <translation>Trainiert. Sehen Sie sich die Ergebnisse an, oder ändern Sie eine Einstellung und drücken Sie erneut auf Trainieren.</translation>
    </message>
    <message>
        <source>{photos} photos · {backbone} · {layers}</source>
        <translation>{photos} Fotos · {backbone} · {layers}</translation>
    </message>
    <message>
        <source>Ready to train: {what}</source>
        <translation>Bereit zum Training: {what}</translation>
    </message>
    <message>
        <source>Start training with these settings (Ctrl+Return).</source>
        <translation>Training mit diesen Einstellungen starten (Strg+Eingabe).</translation>
    </message>
    <message>
        <source>Training. The other steps stay usable; Pause frees the computer for a while.</source>
        <translation>Training läuft. Die anderen Schritte bleiben nutzbar; Pause gibt den Computer eine Weile frei.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message numerus="yes">
        <source>Training {backbone} ({layers}) for up to %n epochs on the photos in {folder}.</source>
        <translation>
            <numerusform>Training von {backbone} ({layers}) mit den Fotos in {folder}: höchstens %n Durchgang.</numerusform>
            <numerusform>Training von {backbone} ({layers}) mit den Fotos in {folder}: höchstens %n Durchgänge.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Hält nach diesem Schritt an…</translation>
    </message>
    <message>
        <source>Stopping: the best finished epoch will be kept.</source>
        <translation>Wird angehalten: Der beste fertige Durchgang wird behalten.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Paused: press Resume to continue</source>
        <translation>Pausiert: Drücken Sie Fortsetzen, um weiterzumachen</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>Pausiert.</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Fortgesetzt.</translation>
    </message>
    <message>
        <source>{stage}: %p%</source>
        <translation>{stage}: %p %</translation>
    </message>
    <message>
        <source> · step {step} of {steps}</source>
        <translation> · Schritt {step} von {steps}</translation>
    </message>
    <message>
        <source>Epoch {epoch} of {total}</source>
        <translation>Durchgang {epoch} von {total}</translation>
    </message>
    <message>
        <source>Stopped before the first epoch finished: no model</source>
        <translation>Angehalten, bevor der erste Durchgang fertig war: kein Modell</translation>
    </message>
    <message>
        <source>Done in {secs} s · best checking accuracy {pct}% (epoch {epoch})</source>
        <translation>Fertig in {secs} s · beste Kontrollgenauigkeit {pct} % (Durchgang {epoch})</translation>
    </message>
    <message>
        <source>The model was saved as {path}.</source>
        <translation>Das Modell wurde als {path} gespeichert.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Training stopped before anything could be kept.</source>
        <translation>Das Training wurde angehalten, bevor etwas behalten werden konnte.</translation>
    </message>
    <message>
        <source>Training could not run</source>
        <translation>Das Training konnte nicht laufen</translation>
    </message>
    <message>
        <source>Training could not run: {error}</source>
        <translation>Das Training konnte nicht laufen: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Trained earlier: %n epochs · best checking accuracy {pct}%</source>
        <translation>
            <numerusform>Früher trainiert: %n Durchgang · beste Kontrollgenauigkeit {pct} %</numerusform>
            <numerusform>Früher trainiert: %n Durchgänge · beste Kontrollgenauigkeit {pct} %</numerusform>
        </translation>
    </message>
    <message>
        <source>{size} × {size} pixels</source>
        <translation>{size} × {size} Pixel</translation>
    </message>
</context>
</TS>
