<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>TrainPage</name>
    <message numerus="yes">
        <source>Training {backbone} ({layers}) for up to %n epochs on the photos in {folder}.</source>
        <translation>
            <numerusform>Training {backbone} ({layers}) for up to %n epoch on the photos in {folder}.</numerusform>
            <numerusform>Training {backbone} ({layers}) for up to %n epochs on the photos in {folder}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trained earlier: %n epochs · best checking accuracy {pct}%</source>
        <translation>
            <numerusform>Trained earlier: %n epoch · best checking accuracy {pct}%</numerusform>
            <numerusform>Trained earlier: %n epochs · best checking accuracy {pct}%</numerusform>
        </translation>
    </message>
</context>
</TS>
